"""An Odoo 19 to test with on a machine whose python3 cannot import one.

The archive is the Odoo 19.0 Community source tree laid beside the project (``../shared/odoo/``, or
the file ``ATTA_ODOO_ARCHIVE`` names). It is checked against its ``SHA256SUMS``, unpacked once into a
cache folder outside the project, and given a virtualenv with Odoo's requirements and Atta's; the
test command then runs again with that virtualenv's Python. Standard library only, like tests/run.py.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE_NAME = "odoo-19.0-community.tar.xz"
# python-ldap only serves auth_ldap, which no Atta test installs, and needs the LDAP headers to build.
SKIPPED_REQUIREMENTS = ("python-ldap",)


def archive_path():
    named = os.environ.get("ATTA_ODOO_ARCHIVE")
    path = Path(named) if named else ROOT.parent / "shared" / "odoo" / ARCHIVE_NAME
    return path if path.is_file() else None


def cache_root():
    base = os.environ.get("ATTA_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "atta"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def expected_sha256(archive):
    sums = archive.parent / "SHA256SUMS"
    if not sums.is_file():
        raise RuntimeError(f"{sums} is missing: the archive cannot be checked")
    for line in sums.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].lstrip("*") == archive.name:
            return parts[0].lower()
    raise RuntimeError(f"{sums} names no checksum for {archive.name}")


def _log(message):
    print(f"Odoo from source: {message}", flush=True)


def prepare(archive):
    """Unpack and equip the archive once; return the virtualenv's python."""
    digest = sha256(archive)
    if digest != expected_sha256(archive):
        raise RuntimeError(f"{archive} does not match its SHA256SUMS")
    home = cache_root() / f"odoo-19.0-{digest[:12]}"
    source, env_dir = home / "src", home / "venv"
    python = env_dir / "bin" / "python"
    ready = home / "ready"
    wanted = "\n".join(sha256(ROOT / name) for name in ("requirements.txt", "requirements-test.txt"))
    if ready.is_file() and ready.read_text(encoding="utf-8") == wanted and python.exists():
        return python
    if not (source / "odoo" / "release.py").is_file():
        _log(f"unpacking {archive.name} into {home}")
        shutil.rmtree(source, ignore_errors=True)
        partial = home / "src.partial"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        with tarfile.open(archive) as tar:
            tar.extractall(partial, filter="data")
        inner = partial
        entries = list(partial.iterdir())
        if len(entries) == 1 and entries[0].is_dir() and not (partial / "odoo").exists():
            inner = entries[0]
        inner.rename(source)
        shutil.rmtree(partial, ignore_errors=True)
    if not python.exists():
        _log("creating its virtualenv")
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    requirements = home / "odoo-requirements.txt"
    lines = (source / "requirements.txt").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.strip().lower().startswith(SKIPPED_REQUIREMENTS)]
    requirements.write_text("\n".join(kept) + "\n", encoding="utf-8")
    _log("installing Odoo's requirements and Atta's (a few minutes the first time)")
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip", "setuptools<70", "wheel"], check=True)
    subprocess.run(
        [
            *pip,
            "-r",
            str(requirements),
            "-r",
            str(ROOT / "requirements.txt"),
            "-r",
            str(ROOT / "requirements-test.txt"),
        ],
        check=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "odoo-source.pth").write_text(f"{source}\n", encoding="utf-8")
    ready.write_text(wanted, encoding="utf-8")
    return python


def python_with_odoo():
    """The virtualenv's python, or (None, why) when no archive is at hand or it cannot be prepared."""
    archive = archive_path()
    if archive is None:
        return None, "no Odoo source archive beside the project (../shared/odoo/) or in ATTA_ODOO_ARCHIVE"
    try:
        return prepare(archive), ""
    except (OSError, RuntimeError, subprocess.CalledProcessError, tarfile.TarError) as error:
        return None, f"the Odoo source archive could not be prepared: {error}"


if __name__ == "__main__":
    found, why = python_with_odoo()
    print(found or why)
    sys.exit(0 if found else 1)
