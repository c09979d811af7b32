import configparser
import re
import shutil
import subprocess
import unittest

try:
    import yaml
except ImportError:  # the odoo:19 image may lack PyYAML; requirements-test.txt installs it
    yaml = None

from .helpers import ROOT


def env_example():
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def default_of(expression):
    """'${ODOO_PORT:-8069}:8069' → {'ODOO_PORT': '8069'}"""
    return dict(re.findall(r"\$\{(\w+):-([^}]*)\}", expression))


@unittest.skipIf(yaml is None, "PyYAML is not installed (requirements-test.txt)")
class TestDockerSetup(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
        cls.conf = configparser.ConfigParser()
        cls.conf.read(ROOT / "config" / "odoo.conf")
        cls.options = cls.conf["options"]
        cls.env = env_example()

    def test_images_volumes_and_healthchecks(self):
        services = self.compose["services"]
        self.assertEqual(services["odoo"]["image"], "odoo:19")
        self.assertEqual(services["db"]["image"], "postgres:16")
        for name in ("odoo", "db"):
            self.assertIn("healthcheck", services[name])
            named = [v.split(":")[0] for v in services[name]["volumes"] if not v.startswith(".")]
            self.assertTrue(named and all(v in self.compose["volumes"] for v in named), name)
        self.assertEqual(services["odoo"]["depends_on"]["db"]["condition"], "service_healthy")

    def test_compose_env_example_and_odoo_conf_agree(self):
        odoo = self.compose["services"]["odoo"]
        self.assertIn("./config/odoo.conf:/etc/odoo/odoo.conf:ro", odoo["volumes"])
        addons_mount = next(v.split(":")[1] for v in odoo["volumes"] if v.startswith("./addons:"))
        self.assertIn(addons_mount, self.options["addons_path"].split(","))
        host_port, container_port = odoo["ports"][0].rsplit(":", 1)
        self.assertEqual(container_port, self.options["http_port"])
        self.assertEqual(default_of(host_port)["ODOO_PORT"], self.env["ODOO_PORT"])
        self.assertEqual(self.options["db_name"], self.env["ATTA_DB"])
        self.assertEqual(default_of(odoo["environment"]["ATTA_DB"])["ATTA_DB"], self.env["ATTA_DB"])
        self.assertEqual(self.options["db_host"], "db")
        self.assertIn("db", self.compose["services"])
        self.assertEqual(self.options["db_port"], "5432")

    def test_no_working_secret_is_committed(self):
        for key in ("POSTGRES_PASSWORD", "ODOO_MASTER_PASSWORD", "ODOO_ADMIN_PASSWORD"):
            self.assertTrue(self.env[key].startswith("change-me"), key)
        self.assertNotIn("admin_passwd", self.options)
        self.assertNotIn("db_password", self.options)
        self.assertIn(".env", (ROOT / ".gitignore").read_text(encoding="utf-8").split())

    def test_compose_file_validates(self):
        if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True,
                                                     check=False).returncode == 0:
            command = ["docker", "compose"]
        elif shutil.which("docker-compose"):
            command = ["docker-compose"]
        else:
            self.skipTest("neither `docker compose` nor `docker-compose` is installed")
        result = subprocess.run([*command, "--env-file", str(ROOT / ".env.example"), "config", "--quiet"],
                                cwd=ROOT, capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
