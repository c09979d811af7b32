import configparser
import json
import unittest
from pathlib import Path
from unittest.mock import patch

from odoo.http import get_default_session, root
from odoo.tests import new_test_user, tagged
from odoo.tools import config

from odoo.addons.bus.tests.common import WebsocketCase, websocket

from ..tools.roles import OFFICER

# The odoo.conf that docker-compose.yml mounts into the server (config/ beside addons/ in the repository).
SHIPPED_CONF = Path(__file__).resolve().parents[3] / "config" / "odoo.conf"
# What config/nginx.conf sends with every request it passes on to Odoo.
PROXY_HEADERS = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Host": "atta.example.org",
    "X-Forwarded-Proto": "https",
    "X-Real-IP": "203.0.113.7",
}


@tagged("post_install", "-at_install")
class TestRealTimeConnection(WebsocketCase):
    """The web client's real-time connection (chatter, notifications, the «connection lost» banner when it
    fails) opens after login with the server settings Atta ships, through the headers of its proxy.

    The test server runs without workers, so it serves /websocket on its one port: this proves the route
    and the settings; that the proxy sends /websocket to the evented port (gevent_port) of those settings
    is proven on the files themselves (tests/static/test_compose.py, TestReverseProxy).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not SHIPPED_CONF.is_file():
            raise unittest.SkipTest(f"{SHIPPED_CONF} is not beside the addons: the shipped settings cannot be read")
        shipped = configparser.ConfigParser()
        shipped.read(SHIPPED_CONF)
        cls.shipped = shipped["options"]
        cls.officer = new_test_user(cls.env, "rt_officer", groups=OFFICER, name="Officer Rawan")

    def setUp(self):
        super().setUp()
        self.startPatcher(patch.dict(config.options, {"proxy_mode": self.shipped.getboolean("proxy_mode")}))

    def _connect(self, session):
        return self.websocket_connect(header=PROXY_HEADERS, cookie=f"session_id={session.sid}")

    def _visitor_session(self):
        """A website visitor's session (HttpCase.authenticate would end the officer's)."""
        session = root.session_store.new()
        session.update(get_default_session(), db=self.registry.db_name)
        root.session_store.save(session)
        return session

    def test_atta_ships_a_server_behind_a_proxy_with_an_evented_port(self):
        self.assertTrue(self.shipped.getboolean("proxy_mode"))
        self.assertGreater(int(self.shipped["workers"]), 0)
        self.assertNotEqual(self.shipped["gevent_port"], self.shipped["http_port"])

    def test_a_logged_in_officer_receives_their_notifications_over_the_websocket(self):
        officer = self._connect(self.authenticate("rt_officer", "rt_officer"))
        visitor = self._connect(self._visitor_session())
        self.assertEqual(officer.getstatus(), 101, "the server switched the connection to a websocket")
        for ws in (visitor, officer):
            self.subscribe(ws, [], self.env["bus.bus"]._bus_last_id())
        self.env["bus.bus"]._sendone(self.officer.partner_id, "atta/ping", {"text": "A request was assigned to you"})
        self.trigger_notification_dispatching([self.officer.partner_id])
        notifications = json.loads(officer.recv())
        self.assertEqual(
            [(n["message"]["type"], n["message"]["payload"]) for n in notifications],
            [("atta/ping", {"text": "A request was assigned to you"})],
        )
        # The visitor's connection hears nothing of the officer's.
        visitor.settimeout(1)
        with self.assertRaises(websocket.WebSocketTimeoutException):
            visitor.recv()
