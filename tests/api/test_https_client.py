"""The server's outbound https (issue 19; http/client.hpp), as it reaches identity providers and
BigBlueButton: a TLS server on loopback with a certificate from a test authority made here with
the openssl command. The server trusts only the system's authorities, so that certificate is
refused and nothing is sent; started with SSL_CERT_FILE naming the test authority, the same
address works; a certificate for another name is refused even then. Exercised through joining a
BigBlueButton room, which calls the video server's `create` before sending the person there."""
import contextlib
import datetime as dt
import http.server
import shutil
import ssl
import subprocess
import threading

import pytest

from conftest import ADMIN, Client, Server

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")

SECRET = "https-test-shared-secret-0123"


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def certificates(tmp_path, name):
    """A test authority and a certificate for `name` (a DNS name) signed by it."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Mentorhub test authority", cwd=tmp_path)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
            "-subj", f"/CN={name}", cwd=tmp_path)
    (tmp_path / f"{name}.ext").write_text(f"subjectAltName=DNS:{name}\n")
    openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext", cwd=tmp_path)
    return tmp_path / "ca.pem", tmp_path / f"{name}.pem", tmp_path / f"{name}.key"


class TlsBbb:
    """A BigBlueButton stand-in over TLS: `create` succeeds; it counts the calls it got."""

    def __init__(self, cert, key):
        self.calls = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.calls.append(self.path.split("?")[0])
                body = b"<response><returncode>SUCCESS</returncode></response>"
                self.send_response(200)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def video_meeting(server, bbb_url):
    """A meeting held by video on the demo, with BigBlueButton at `bbb_url`; its join route."""
    admin = Client(server.url).login(ADMIN)
    r = admin.put("/api/v1/admin/video", json={"provider": "bigbluebutton", "bbb_url": bbb_url, "bbb_secret": SECRET})
    assert r.status_code == 200, r.text
    maya = Client(server.url).login("maya.patel@northwind.example")
    live = [x for x in maya.get("/api/v1/relationships?limit=100").json()["items"]
            if x["state"] in ("starting", "active", "fading")][0]
    starts = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    made = maya.post(f"/api/v1/relationships/{live['id']}/meetings",
                     json={"starts_at": starts.strftime("%Y-%m-%dT%H:%M:%SZ"), "medium": "video", "where": ""})
    assert made.status_code == 201, made.text
    return maya, made.json()["video_url"]


@pytest.fixture
def tls(tmp_path):
    ca, cert, key = certificates(tmp_path, "localhost")
    bbb = TlsBbb(cert, key)
    yield ca, bbb
    bbb.stop()


@contextlib.contextmanager
def demo_server(binary, new_demo_database, monkeypatch, ca=None):
    """A server on a fresh demo database, trusting the test authority `ca` when given (through
    SSL_CERT_FILE, which OpenSSL's default trust paths read), else only the system's."""
    db = new_demo_database()
    if ca:
        monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    else:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    try:
        server = Server(binary, db)
    finally:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    try:
        yield server
    finally:
        server.stop()


def test_a_certificate_from_an_authority_the_server_does_not_trust_is_refused(binary, new_demo_database, tls, monkeypatch):
    ca, bbb = tls
    with demo_server(binary, new_demo_database, monkeypatch) as server:
        maya, link = video_meeting(server, f"https://localhost:{bbb.port}/bigbluebutton/api")
        r = maya.get(link, allow_redirects=False)
        assert r.status_code == 503, r.text
        assert "could not be reached" in r.json()["error"]["message"]
        assert "certificate" in r.json()["error"]["message"] or "handshake" in r.json()["error"]["message"]
        assert bbb.calls == [], "nothing was sent over the untrusted connection"


def test_with_the_authority_trusted_the_same_address_works(binary, new_demo_database, tls, monkeypatch):
    ca, bbb = tls
    with demo_server(binary, new_demo_database, monkeypatch, ca) as server:
        maya, link = video_meeting(server, f"https://localhost:{bbb.port}/bigbluebutton/api")
        r = maya.get(link, allow_redirects=False)
        assert r.status_code == 303, r.text
        assert r.headers["Location"].startswith(f"https://localhost:{bbb.port}/bigbluebutton/api/join?")
        assert bbb.calls == ["/bigbluebutton/api/create"]


def test_a_trusted_certificate_for_another_name_is_refused(binary, new_demo_database, tmp_path, monkeypatch):
    ca, cert, key = certificates(tmp_path, "video.elsewhere.example")
    bbb = TlsBbb(cert, key)
    try:
        with demo_server(binary, new_demo_database, monkeypatch, ca) as server:
            maya, link = video_meeting(server, f"https://localhost:{bbb.port}/bigbluebutton/api")
            r = maya.get(link, allow_redirects=False)
            assert r.status_code == 503, r.text
            assert bbb.calls == [], "nothing was sent to a server with another name's certificate"
    finally:
        bbb.stop()
