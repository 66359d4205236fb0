"""A small OpenID Connect provider for the tests, served over real HTTP on 127.0.0.1:
authorization (PKCE S256), token (client secret, code, verifier), userinfo and JWKS, with
ID tokens signed RS256 by a key made for the run. Like Entra ID, it can leave `email` out
and give the address as `preferred_username`."""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "saferplan-test"
CLIENT_SECRET = "s3cret-for-tests"  # the fake provider's, tests only


@dataclass
class Provider:
    url: str = ""
    person: dict = field(default_factory=dict)  # the claims of whoever signs in next
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    codes: dict = field(default_factory=dict)  # code → (claims, nonce, challenge, redirect)
    tokens: dict = field(default_factory=dict)  # access token → claims
    requests: list = field(default_factory=list)

    def settings(self) -> dict:
        return {
            "SAFERPLAN_SSO_ENABLED": True,
            "SAFERPLAN_SSO_NAME": "Hertsmere Borough Council account",
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
        }

    def id_token(self, claims: dict, nonce: str) -> str:
        now = int(time.time())
        body = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **claims,
        }
        return jwt.encode(body, self.key, algorithm="RS256", headers={"kid": "test-key"})

    def jwks(self) -> dict:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [public | {"kid": "test-key", "use": "sig", "alg": "RS256"}]}


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            provider.requests.append(("GET", url.path, query))
            if url.path == "/authorize":
                # The person signs in at the provider; it sends them back with a code.
                if (
                    query.get("client_id") != CLIENT_ID
                    or query.get("code_challenge_method") != "S256"
                ):
                    return self._json(400, {"error": "invalid_request"})
                code = secrets.token_urlsafe(16)
                provider.codes[code] = (
                    dict(provider.person),
                    query["nonce"],
                    query["code_challenge"],
                    query["redirect_uri"],
                )
                target = (
                    query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                )
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in provider.tokens:
                    return self._json(401, {"error": "invalid_token"})
                self._json(200, provider.tokens[token])
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            provider.requests.append(("POST", self.path, form))
            if self.path != "/token":
                return self._json(404, {"error": "not_found"})
            if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
                return self._json(401, {"error": "invalid_client"})
            claims, nonce, challenge, redirect = provider.codes.pop(form.get("code"), (None,) * 4)
            verifier = form.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            if (
                claims is None
                or digest.rstrip(b"=").decode() != challenge
                or form.get("redirect_uri") != redirect
            ):
                return self._json(400, {"error": "invalid_grant"})
            access = secrets.token_urlsafe(16)
            provider.tokens[access] = claims
            self._json(
                200,
                {
                    "access_token": access,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": provider.id_token(claims, nonce),
                },
            )

    return Handler


def serve() -> tuple[Provider, ThreadingHTTPServer]:
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.url = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return provider, server
