"""Readers of the Docker setup for the static checks: Dockerfile stages, compose file, requirements."""

import re

import yaml

from .helpers import ROOT

# Python modules the official odoo:19 image already has, with the Ubuntu noble package that brings
# each. Sources: the image's Dockerfile (its apt-get list) and the Depends of Odoo 19's .deb
# (debian/control in Odoo's source). Only these count as "in the image"; anything else must be
# installed by our Dockerfile.
ODOO_IMAGE_MODULES = {
    "babel": "python3-babel",
    "chardet": "python3-chardet",
    "dateutil": "python3-dateutil",
    "decorator": "python3-decorator",
    "docutils": "python3-docutils",
    "freezegun": "python3-freezegun",
    "geoip2": "python3-geoip2",
    "jinja2": "python3-jinja2",
    "ldap": "python3-pyldap",
    "lxml": "python3-lxml",
    "lxml_html_clean": "python3-lxml-html-clean",
    "magic": "python3-magic",
    "num2words": "python3-num2words",
    "odf": "python3-odf",
    "ofxparse": "python3-ofxparse",
    "OpenSSL": "python3-openssl",
    "passlib": "python3-passlib",
    "pdfminer": "python3-pdfminer",
    "phonenumbers": "python3-phonenumbers",
    "PIL": "python3-pil",
    "polib": "python3-polib",
    "psutil": "python3-psutil",
    "psycopg2": "python3-psycopg2",
    "pydot": "python3-pydot",
    "PyPDF2": "python3-pypdf2",
    "pytz": "python3-tz",
    "qrcode": "python3-qrcode",
    "reportlab": "python3-reportlab",
    "requests": "python3-requests",
    "rjsmin": "python3-rjsmin",
    "sass": "python3-libsass",
    "slugify": "python3-slugify",
    "stdnum": "python3-stdnum",
    "vobject": "python3-vobject",
    "watchdog": "python3-watchdog",
    "werkzeug": "python3-werkzeug",
    "xlrd": "python3-xlrd",
    "xlsxwriter": "python3-xlsxwriter",
    "xlwt": "python3-xlwt",
    "zeep": "python3-zeep",
}

# Import name → name on PyPI, where they differ.
DISTRIBUTION_OF = {"xlsxwriter": "XlsxWriter", "yaml": "PyYAML", "pylint_odoo": "pylint-odoo", "PIL": "Pillow"}


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def dockerfile_stages():
    """{stage name: {"from": base image or stage, "lines": [instructions, continuations joined]}}."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = []
    for line in re.sub(r"\\\n", " ", text).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instructions.append(line)
    stages, current = {}, None
    for line in instructions:
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?$", line, re.I)
        if match:
            current = match.group(2) or f"stage{len(stages)}"
            stages[current] = {"from": match.group(1), "lines": []}
        elif current:
            stages[current]["lines"].append(line)
    return stages


def stage_chain(stages, name):
    """The stage and the stages it is built on, nearest first."""
    chain = []
    while name in stages:
        chain.append(name)
        name = stages[name]["from"]
    return chain


def pip_installed_files(stages, name):
    """Repository files whose requirements the stage (or a stage below it) installs with pip."""
    installed = []
    for stage in stage_chain(stages, name):
        copies = {}
        for line in stages[stage]["lines"]:
            copy = re.match(r"COPY\s+(?:--\S+\s+)*(\S+)\s+(\S+)$", line, re.I)
            if copy:
                copies[copy.group(2)] = copy.group(1)
            if re.match(r"RUN\b.*\bpip3? install\b", line):
                installed += [copies.get(path, path) for path in re.findall(r"-r\s+(\S+)", line)]
    return installed


def requirement_names(path):
    """Distribution names a requirements file lists, lower-cased."""
    names = set()
    for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            names.add(re.split(r"[<>=!~;\[\s]", line)[0].lower())
    return names
