# Receives Inflow's webhooks and checks their Standard Webhooks signature (Python 3.9+, standard library only).
# INFLOW_WEBHOOK_SECRET=whsec_... PORT=8000 python3 receiver.py
import base64, hashlib, hmac, os, time
from http.server import BaseHTTPRequestHandler, HTTPServer

KEY = base64.b64decode(os.environ["INFLOW_WEBHOOK_SECRET"].removeprefix("whsec_"))

class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        msg_id, stamp = self.headers["webhook-id"], self.headers["webhook-timestamp"]
        signed = f"{msg_id}.{stamp}.".encode() + body
        expected = "v1," + base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
        valid = any(hmac.compare_digest(expected, sent) for sent in self.headers["webhook-signature"].split())
        fresh = abs(time.time() - int(stamp)) < 300
        self.send_response(204 if valid and fresh else 401)
        self.end_headers()
        print(msg_id, body.decode() if valid and fresh else "refused: bad signature or stale timestamp", flush=True)

HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8000"))), Receiver).serve_forever()
