import configparser
import re
import shutil
import subprocess
import unittest

from .docker_files import compose, dockerfile_stages
from .helpers import ROOT

START_SCRIPT = "/opt/atta/config/start-atta.sh"


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
        for key in ("ATTA_NAME", "ATTA_EMAIL", "ATTA_PHONE", "ATTA_CITY", "ATTA_LOGO", "ATTA_DEMO"):
            with self.subTest(key=key):
                self.assertIn(key, environment)
                self.assertIn(key, self.env, f"{key} is missing from .env.example")
                self.assertIn(key, script)
        self.assertTrue(self.env["ATTA_NAME"])
        self.assertIn("_atta_setup_association", script)

    def test_compose_env_example_and_odoo_conf_agree(self):
        odoo = self.services["odoo"]
        self.assertIn("./config/odoo.conf:/etc/odoo/odoo.conf:ro", odoo["volumes"])
        self.assertEqual(odoo["volumes"], self.services["setup"]["volumes"])
        addons_mount = next(v.split(":")[1] for v in odoo["volumes"] if v.startswith("./addons:"))
        self.assertIn(addons_mount, self.options["addons_path"].split(","))
        host_port, container_port = odoo["ports"][0].rsplit(":", 1)
        self.assertEqual(container_port, self.options["http_port"])
        self.assertEqual(default_of(host_port)["ODOO_PORT"], self.env["ODOO_PORT"])
        self.assertEqual(self.options["db_name"], self.env["ATTA_DB"])
        self.assertEqual(default_of(odoo["environment"]["ATTA_DB"])["ATTA_DB"], self.env["ATTA_DB"])
        self.assertEqual(self.options["db_host"], "db")
        self.assertIn("db", self.services)
        self.assertEqual(self.options["db_port"], "5432")

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
