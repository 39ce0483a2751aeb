#!/usr/bin/env python3
"""A local webhook receiver to try TrapWatch alerts: prints every delivery and whether its signature checks out.

    deploy/local/webhook-receiver.py --secret at-least-16-characters [--port 9999]
"""
import argparse
import hashlib
import hmac
import http.server
import json


def verified(secret: str, body: bytes, signature_header: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature_header or "")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--secret", required=True, help="the subscription's webhook secret")
    arguments.add_argument("--port", type=int, default=9999)
    options = arguments.parse_args()
    seen = set()

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not verified(options.secret, body, self.headers.get("X-TrapWatch-Signature")):
                print("REJECTED (bad signature)", flush=True)
                self.send_response(401)
            else:
                key = self.headers.get("Idempotency-Key")
                event = json.loads(body)
                repeat = " (repeat, skipped)" if key in seen else ""
                seen.add(key)
                print(f"{key}{repeat}: {event['market_type']} {event['symbol']} {event['interval']} "
                      f"{event['from_status']} -> {event['status']} at {event['bar_close']}  {event['dashboard_url']}",
                      flush=True)
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    print(f"listening on http://127.0.0.1:{options.port}/trapwatch", flush=True)
    http.server.HTTPServer(("127.0.0.1", options.port), Receiver).serve_forever()


if __name__ == "__main__":
    main()
