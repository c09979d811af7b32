# Atta on the official Odoo 19 image (Ubuntu noble with Odoo's .deb), used by docker-compose.yml.
#   target "atta":  the server, with the Python packages the Atta addons need (requirements.txt)
#   target "tests": the same plus what the test command needs (requirements-test.txt, Google Chrome)
# The addons and config/ are mounted by docker-compose.yml, not copied: a `git pull` needs no rebuild
# unless requirements*.txt or this file change.
FROM odoo:19 AS atta

USER root
# Arabic fonts for the printed papers: wkhtmltopdf draws with the system's fonts, and the papers ask for
# Noto Naskh Arabic / Noto Sans Arabic (fonts-noto-core). Without them Arabic prints in a fallback font or
# as empty boxes.
RUN set -eu; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-core; \
    rm -rf /var/lib/apt/lists/*; \
    fc-list | grep -q "Noto Naskh Arabic"
# The image's Python is Ubuntu's system Python (PEP 668), which Odoo's .deb lives in, so pip installs
# beside it, in /usr/local, which Python searches first. XlsxWriter: Ubuntu's package satisfies its line
# and stays. phonenumbers: Ubuntu's is 8.12, older than the >=8.13 of requirements.txt, so pip installs
# the newest release from PyPI (9.x) and that is what Odoo and Atta import (the tests run on 9.x too).
# hijridate is not packaged by Ubuntu and comes from PyPI.
COPY requirements.txt /opt/atta/requirements.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/atta/requirements.txt
USER odoo


FROM atta AS tests

USER root
COPY requirements-test.txt /opt/atta/requirements-test.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/atta/requirements-test.txt
# A headless browser for the tours. Ubuntu noble's chromium packages are only a transition to the snap,
# which cannot run in a container, and mixing Debian's chromium into Ubuntu breaks apt's dependencies.
# Google's Chrome .deb installs with apt against Ubuntu's own libraries and is what Odoo's own CI runs.
# Google builds it for amd64 only: elsewhere the build says so and the tours report themselves skipped.
RUN set -eu; \
    arch="$(dpkg --print-architecture)"; \
    if [ "$arch" = amd64 ]; then \
        curl -fsSL -o /tmp/chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb; \
        apt-get update; \
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/chrome.deb; \
        rm -rf /var/lib/apt/lists/* /tmp/chrome.deb; \
        google-chrome --version; \
    else \
        echo "No Google Chrome for $arch: the browser tours will be reported as skipped."; \
    fi
USER odoo
