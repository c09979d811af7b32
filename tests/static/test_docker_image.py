"""The image docker-compose.yml builds has every Python package the addons declare."""

import unittest

from .docker_files import (
    DISTRIBUTION_OF,
    ODOO_IMAGE_MODULES,
    compose,
    dockerfile_stages,
    pip_installed_files,
    requirement_names,
)
from .helpers import addon_dirs, manifest


class TestDockerImage(unittest.TestCase):
    def installed_by(self, service):
        """Distribution names (lower case) the Dockerfile installs for this compose service."""
        target = compose()["services"][service]["build"]["target"]
        names = set()
        for path in pip_installed_files(dockerfile_stages(), target):
            names |= requirement_names(path)
        return names

    def test_every_declared_python_package_is_in_the_image_or_installed_by_the_build(self):
        for service in ("odoo", "setup", "tests"):
            installed = self.installed_by(service)
            for addon in addon_dirs():
                for module in manifest(addon).get("external_dependencies", {}).get("python", []):
                    with self.subTest(service=service, addon=addon.name, module=module):
                        distribution = DISTRIBUTION_OF.get(module, module).lower()
                        self.assertTrue(
                            module in ODOO_IMAGE_MODULES or distribution in installed,
                            f"{addon.name} needs {module}: the odoo:19 image lacks it and the Dockerfile "
                            f"does not install it for the {service} service (add it to requirements.txt)",
                        )

    def test_the_image_lacks_hijridate_so_the_build_installs_it(self):
        # The case that broke the first start: a dependency Ubuntu does not package.
        self.assertNotIn("hijridate", ODOO_IMAGE_MODULES)
        self.assertIn("hijridate", self.installed_by("odoo"))

    def test_the_test_image_has_the_test_requirements_and_a_browser(self):
        self.assertLessEqual(requirement_names("requirements-test.txt"), self.installed_by("tests"))
        tests_stage = " ".join(dockerfile_stages()["tests"]["lines"])
        self.assertIn("google-chrome", tests_stage)

    def test_requirements_txt_lists_what_the_manifests_declare(self):
        listed = requirement_names("requirements.txt")
        for addon in addon_dirs():
            for module in manifest(addon).get("external_dependencies", {}).get("python", []):
                with self.subTest(addon=addon.name, module=module):
                    self.assertIn(DISTRIBUTION_OF.get(module, module).lower(), listed)

    def test_the_server_image_has_the_arabic_fonts_the_papers_ask_for(self):
        # wkhtmltopdf prints with the system's fonts: the papers name Noto Naskh Arabic and Noto Sans Arabic.
        atta_stage = " ".join(dockerfile_stages()["atta"]["lines"])
        self.assertRegex(atta_stage, r"apt-get install\b[^;]*\bfonts-noto-core\b")
