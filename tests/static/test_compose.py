import configparser
import os
import re
import shutil
import subprocess
import unittest

from .docker_files import compose, dockerfile_stages
from .helpers import ROOT

START_SCRIPT = "/opt/atta/config/start-atta.sh"
NGINX_CONF = "/etc/nginx/conf.d/default.conf"


def env_example():
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def nginx_conf():
    """config/nginx.conf without its comments."""
    text = (ROOT / "config" / "nginx.conf").read_text(encoding="utf-8")
    return re.sub(r"#[^\n]*", "", text)


def nginx_block(text, opening):
    """The body of the block that starts with `opening` (e.g. 'location /websocket'), braces balanced."""
    start = re.search(re.escape(opening) + r"\s*\{", text).end()
    depth, position = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[position], 0)
        position += 1
    return text[start : position - 1]


def nginx_directives(block, name):
    """The arguments of each `name ...;` directive written directly in the block."""
    return [match.split() for match in re.findall(rf"(?m)^\s*{name}\s+([^;]*);", block)]


def default_of(expression):
    """'${ODOO_PORT:-8069}:8069' → {'ODOO_PORT': '8069'}"""
    return dict(re.findall(r"\$\{(\w+):-([^}]*)\}", expression))


class TestDockerSetup(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.compose = compose()
        cls.services = cls.compose["services"]
        cls.conf = configparser.ConfigParser()
        cls.conf.read(ROOT / "config" / "odoo.conf")
        cls.options = cls.conf["options"]
        cls.env = env_example()

    def test_images_volumes_and_healthchecks(self):
        self.assertEqual(self.services["db"]["image"], "postgres:16")
        for name in ("odoo", "db"):
            self.assertIn("healthcheck", self.services[name])
        for name in ("odoo", "setup", "db"):
            named = [v.split(":")[0] for v in self.services[name]["volumes"] if not v.startswith(".")]
            self.assertTrue(named and all(v in self.compose["volumes"] for v in named), name)
        self.assertEqual(self.services["odoo"]["depends_on"]["db"]["condition"], "service_healthy")

    def test_services_are_built_from_the_dockerfile_on_the_official_image(self):
        stages = dockerfile_stages()
        self.assertEqual(stages["atta"]["from"], "odoo:19", "the server image is the official odoo:19 image")
        self.assertEqual(stages["tests"]["from"], "atta", "the test image is the server image plus test tools")
        for service, target in (("setup", "atta"), ("odoo", "atta"), ("tests", "tests")):
            with self.subTest(service=service):
                build = self.services[service]["build"]
                self.assertEqual((build["context"], build["target"]), (".", target))
        self.assertEqual(self.services["setup"]["image"], self.services["odoo"]["image"], "one server image")

    def test_a_failed_first_start_stops_instead_of_looping(self):
        setup, odoo = self.services["setup"], self.services["odoo"]
        self.assertEqual(setup["restart"], "no")
        self.assertEqual(setup["command"], ["bash", START_SCRIPT, "setup"])
        self.assertEqual(odoo["command"], ["bash", START_SCRIPT, "serve"])
        self.assertEqual(odoo["depends_on"]["setup"]["condition"], "service_completed_successfully")
        script = (ROOT / "config" / "start-atta.sh").read_text(encoding="utf-8")
        self.assertIn("set -Eeuo pipefail", script)
        self.assertIn("trap 'fail ", script, "every error ends with the one 'Atta setup FAILED' line")

    def test_the_setup_reads_the_association_from_env(self):
        environment = self.services["setup"]["environment"]
        script = (ROOT / "config" / "start-atta.sh").read_text(encoding="utf-8")
        # The association is configured by config/first_start.py, fed to `odoo shell` from the mounted config/.
        self.assertIn("./config:/opt/atta/config:ro", self.services["setup"]["volumes"])
        self.assertIn("< /opt/atta/config/first_start.py", script)
        script += (ROOT / "config" / "first_start.py").read_text(encoding="utf-8")
        for key in (
            "ATTA_NAME",
            "ATTA_EMAIL",
            "ATTA_PHONE",
            "ATTA_CITY",
            "ATTA_LOGO",
            "ATTA_DEMO",
            "ATTA_COMMITTEE_CHAIR",
        ):
            with self.subTest(key=key):
                self.assertIn(key, environment)
                self.assertIn(key, self.env, f"{key} is missing from .env.example")
                self.assertIn(key, script)
        self.assertTrue(self.env["ATTA_NAME"])
        self.assertIn("_atta_setup_association", script)
        self.assertIn("_atta_setup_default_committee", script)
        self.assertIn("_atta_setup_papers", script)

    def test_compose_env_example_and_odoo_conf_agree(self):
        odoo = self.services["odoo"]
        self.assertIn("./config/odoo.conf:/etc/odoo/odoo.conf:ro", odoo["volumes"])
        self.assertEqual(odoo["volumes"], self.services["setup"]["volumes"])
        addons_mount = next(v.split(":")[1] for v in odoo["volumes"] if v.startswith("./addons:"))
        self.assertIn(addons_mount, self.options["addons_path"].split(","))
        # The port of the README is the proxy's; Odoo's own ports are reached only through it.
        self.assertNotIn("ports", odoo, "Odoo's ports are not published: visitors come in through the proxy")
        host_port, container_port = self.services["proxy"]["ports"][0].rsplit(":", 1)
        self.assertEqual(container_port, "80")
        self.assertEqual(default_of(host_port)["ODOO_PORT"], self.env["ODOO_PORT"])
        self.assertEqual(self.options["db_name"], self.env["ATTA_DB"])
        self.assertEqual(default_of(odoo["environment"]["ATTA_DB"])["ATTA_DB"], self.env["ATTA_DB"])
        self.assertEqual(self.options["db_host"], "db")
        self.assertIn("db", self.services)
        self.assertEqual(self.options["db_port"], "5432")

    def test_the_setup_refuses_the_placeholder_passwords_of_env_example(self):
        # The script stops at its first check, before it reads or touches anything else.
        for key in ("ODOO_MASTER_PASSWORD", "ODOO_ADMIN_PASSWORD", "POSTGRES_PASSWORD"):
            with self.subTest(placeholder=key):
                environment = dict(os.environ, **self.env)
                for other in ("ODOO_MASTER_PASSWORD", "ODOO_ADMIN_PASSWORD", "POSTGRES_PASSWORD"):
                    if other != key:
                        environment[other] = "a password of our own"
                result = subprocess.run(
                    ["bash", str(ROOT / "config" / "start-atta.sh"), "setup"],
                    env=environment,
                    capture_output=True,
                    text=True,
                    timeout=60,
                    check=False,
                )
                self.assertEqual(result.returncode, 1)
                self.assertEqual(
                    result.stderr.strip(),
                    f"Atta setup FAILED: {key} in .env is still the placeholder of .env.example: "
                    "replace it with a password of your own",
                )

    def test_no_working_secret_is_committed(self):
        for key in ("POSTGRES_PASSWORD", "ODOO_MASTER_PASSWORD", "ODOO_ADMIN_PASSWORD"):
            self.assertTrue(self.env[key].startswith("change-me"), key)
        self.assertNotIn("admin_passwd", self.options)
        self.assertNotIn("db_password", self.options)
        self.assertIn(".env", (ROOT / ".gitignore").read_text(encoding="utf-8").split())

    def test_compose_file_validates(self):
        if (
            shutil.which("docker")
            and subprocess.run(["docker", "compose", "version"], capture_output=True, check=False).returncode == 0
        ):
            command = ["docker", "compose"]
        elif shutil.which("docker-compose"):
            command = ["docker-compose"]
        else:
            self.skipTest("neither `docker compose` nor `docker-compose` is installed")
        result = subprocess.run(
            [*command, "--env-file", str(ROOT / ".env.example"), "--profile", "test", "config", "--quiet"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)


class TestReverseProxy(unittest.TestCase):
    """Odoo runs with workers: the real-time connection works only through a proxy that sends /websocket
    to the evented port. The web client shows «the real-time connection was lost» on every page otherwise."""

    @classmethod
    def setUpClass(cls):
        cls.services = compose()["services"]
        conf = configparser.ConfigParser()
        conf.read(ROOT / "config" / "odoo.conf")
        cls.options = conf["options"]
        cls.nginx = nginx_conf()

    def upstream(self, name):
        servers = nginx_directives(nginx_block(self.nginx, f"upstream {name}"), "server")
        self.assertEqual(len(servers), 1, name)
        host, _, port = servers[0][0].partition(":")
        return host, port

    def location(self, path):
        return nginx_block(self.nginx, f"location {path}")

    def proxied_to(self, path):
        (target,) = nginx_directives(self.location(path), "proxy_pass")
        self.assertTrue(target[0].startswith("http://"), target)
        return self.upstream(target[0].removeprefix("http://").rstrip("/"))

    def test_odoo_runs_with_workers_behind_the_proxy(self):
        self.assertGreater(int(self.options["workers"]), 0, "the setup this proxy is for")
        self.assertTrue(self.options.getboolean("proxy_mode"), "Odoo reads the proxy's X-Forwarded-* headers")
        self.assertNotEqual(self.options["gevent_port"], self.options["http_port"])

    def test_the_websocket_goes_to_the_evented_port_of_odoo_conf_with_the_upgrade_headers(self):
        self.assertEqual(self.proxied_to("/websocket"), ("odoo", self.options["gevent_port"]))
        block = self.location("/websocket")
        headers = {args[0].lower(): args[1] for args in nginx_directives(block, "proxy_set_header")}
        self.assertEqual(headers["upgrade"], "$http_upgrade")
        self.assertEqual(headers["connection"], "$connection_upgrade")
        self.assertIn(["1.1"], nginx_directives(block, "proxy_http_version"), "websockets need HTTP/1.1")
        self.assertRegex(self.nginx, r"map\s+\$http_upgrade\s+\$connection_upgrade")

    def test_every_other_request_goes_to_the_http_port(self):
        self.assertEqual(self.proxied_to("/"), ("odoo", self.options["http_port"]))

    def test_both_locations_send_the_headers_proxy_mode_reads(self):
        # nginx drops the server's proxy_set_header in a location that sets its own: each sets them all.
        for path in ("/", "/websocket"):
            headers = {args[0].lower(): args[1] for args in nginx_directives(self.location(path), "proxy_set_header")}
            with self.subTest(location=path):
                self.assertEqual(headers.get("x-forwarded-for"), "$proxy_add_x_forwarded_for")
                self.assertEqual(headers.get("x-forwarded-host"), "$http_host")
                self.assertEqual(headers.get("x-forwarded-proto"), "$scheme")
                self.assertEqual(headers.get("host"), "$http_host")

    def test_compose_wires_the_proxy_to_odoo(self):
        proxy, odoo = self.services["proxy"], self.services["odoo"]
        self.assertTrue(proxy["image"].startswith("nginx:"), "the official nginx image")
        self.assertIn(f"./config/nginx.conf:{NGINX_CONF}:ro", proxy["volumes"])
        self.assertEqual(proxy["depends_on"]["odoo"]["condition"], "service_healthy")
        self.assertIn("odoo", self.services, "the upstreams name the odoo service")
        self.assertEqual(sorted(odoo["expose"]), sorted([self.options["http_port"], self.options["gevent_port"]]))
        listen = nginx_directives(nginx_block(self.nginx, "server"), "listen")
        self.assertEqual(listen, [[proxy["ports"][0].rsplit(":", 1)[1]]], "compose publishes the port nginx listens on")


class TestTestDatabase(unittest.TestCase):
    """`docker compose run --rm tests` never touches the association's database server."""

    def test_the_tests_run_on_their_own_throwaway_postgresql(self):
        services = compose()["services"]
        tests, db_test = services["tests"], services["db-test"]
        self.assertEqual(tests["environment"]["PGHOST"], "db-test")
        self.assertNotIn("db", tests.get("depends_on", {}))
        self.assertEqual(tests["depends_on"]["db-test"]["condition"], "service_healthy")
        self.assertEqual(db_test["image"], services["db"]["image"], "the same PostgreSQL as production")
        self.assertEqual(db_test["tmpfs"], ["/var/lib/postgresql/data"], "its data lives in memory only")
        self.assertNotIn("volumes", db_test)
        self.assertNotIn("ports", db_test)
        self.assertEqual(db_test["profiles"], ["test"], "started only with the tests")
        self.assertNotIn("POSTGRES_PASSWORD", str(tests["environment"]), "no production secret in the tests")


class TestImagesAreBuiltHere(unittest.TestCase):
    def test_compose_builds_the_atta_images_instead_of_pulling_them(self):
        for name, service in compose()["services"].items():
            if "build" in service:
                with self.subTest(service=name):
                    self.assertEqual(service.get("pull_policy"), "build")

    def test_secrets_and_history_stay_out_of_the_build_context(self):
        ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
        for path in (".env", ".git"):
            self.assertIn(path, ignored)
        for path in ("requirements.txt", "requirements-test.txt"):
            self.assertNotIn(path, ignored, "the Dockerfile copies it")


class TestShellScripts(unittest.TestCase):
    SCRIPTS = ("config/start-atta.sh", "tests/compose_smoke.sh")

    def test_the_shell_scripts_parse(self):
        for script in self.SCRIPTS:
            with self.subTest(script=script):
                result = subprocess.run(["bash", "-n", str(ROOT / script)], capture_output=True, text=True, check=False)
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_shellcheck_finds_nothing(self):
        if not shutil.which("shellcheck"):
            self.skipTest("shellcheck is not installed")
        result = subprocess.run(
            ["shellcheck", *(str(ROOT / script) for script in self.SCRIPTS)],
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stdout)
