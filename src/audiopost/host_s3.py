"""The S3 publish target: ``s3://BUCKET/PREFIX`` on AWS S3 or any S3-compatible store (R2, B2, Spaces, MinIO,
SeaweedFS) through boto3.

Credentials come from boto3's standard chain (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``,
``~/.aws/credentials``, ...); audiopost never takes, stores or prints them. Every object gets its
``Content-Type``, its ``Cache-Control`` and its SHA-256 as ``x-amz-meta-sha256`` metadata, so that a re-run
can tell an unchanged file from an edited one without downloading it. Every boto3/botocore failure becomes
one ``AudiopostError`` that names the target and never contains a secret.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from audiopost.errors import AudiopostError
from audiopost.host import MANIFEST, Remote, Settings, manifest_bytes, parse_manifest, sha256_of

NO_CREDENTIALS = ("no S3 credentials found (set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a profile in "
                  "~/.aws/credentials)")
MANIFEST_CACHE = "no-cache"


def parse_spec(spec: str) -> tuple[str, str]:
    """(bucket, prefix) of ``s3://BUCKET/PREFIX``; the prefix has no leading or trailing slash."""
    parts = urlsplit(spec)
    if parts.scheme.lower() != "s3" or not parts.netloc or parts.query or parts.fragment:
        raise AudiopostError(f"{spec!r} is not an S3 target (s3://BUCKET/PREFIX)")
    if "@" in parts.netloc:
        raise AudiopostError("an S3 target names no credentials (s3://BUCKET/PREFIX); they come from the "
                             "environment or ~/.aws/credentials")
    return parts.netloc, parts.path.strip("/")


def _safe_endpoint(url: str) -> str:
    """The endpoint URL without any user:password part."""
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1], query="", fragment="").geturl() if url else url


def _reason(error: BaseException) -> str:
    """A short cause for a connection failure (``[Errno 111] Connection refused``, ``timed out``, ...)."""
    text = str(getattr(error, "kwargs", {}).get("error", "")) or str(error)
    found = re.search(r"\[Errno -?\d+\] [^'\")\]]+", text)
    if found:
        return found.group(0).strip()
    return "timed out" if "timeout" in type(error).__name__.lower() else type(error).__name__


class S3Target:
    """``s3://BUCKET/PREFIX``: one object per published file, ``PREFIX/NAME``; the manifest is
    ``PREFIX/.audiopost-manifest.json``."""

    def __init__(self, client: Any, bucket: str, prefix: str, settings: Settings, session: Any = None) -> None:
        self.client, self.bucket, self.prefix, self.acl = client, bucket, prefix, settings.acl
        self.endpoint = _safe_endpoint(settings.endpoint_url) or "AWS S3"
        self._session = session

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"

    @classmethod
    def open(cls, spec: str, settings: Settings) -> S3Target:
        """A client for the target (boto3 imported here: it is only needed to publish to S3); the bucket
        is checked at once, so that a wrong endpoint, missing credentials or a missing bucket fail before
        anything is planned."""
        bucket, prefix = parse_spec(spec)
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            raise AudiopostError("publishing to S3 needs boto3: pip install boto3 (or pip install "
                                 "'audiopost[s3]')") from None
        options: dict[str, Any] = {"retries": {"max_attempts": 3, "mode": "standard"}, "connect_timeout": 10,
                                   "read_timeout": 120}
        if settings.endpoint_url:
            # S3-compatible stores lag behind AWS's default request checksums (boto3 ≥ 1.36); send them only
            # where the operation requires one.
            options |= {"request_checksum_calculation": "when_required",
                        "response_checksum_validation": "when_required",
                        "s3": {"addressing_style": "path"}}
        target = cls(None, bucket, prefix, settings)
        try:
            session = boto3.session.Session()
            client = session.client("s3", endpoint_url=settings.endpoint_url or None, config=Config(**options))
        except Exception as e:  # ProfileNotFound, a malformed endpoint URL, a bad config file
            raise target._error(e, "connect") from None
        target.client, target._session = client, session
        target._check_bucket()
        return target

    def key(self, name: str) -> str:
        """The object key of a published file."""
        return f"{self.prefix}/{name}" if self.prefix else name

    # -- errors ----------------------------------------------------------------------------------------------

    def _scrub(self, text: str) -> str:
        """``text`` with the secret key and session token replaced, should a library ever quote them."""
        try:
            creds = self._session.get_credentials() if self._session is not None else None
            frozen = creds.get_frozen_credentials() if creds is not None else None
        except Exception:  # resolving credentials must not fail an error message
            frozen = None
        for secret in (getattr(frozen, "secret_key", None), getattr(frozen, "token", None)):
            if secret:
                text = text.replace(secret, "***")
        return text

    def _error(self, error: BaseException, operation: str, where: str | None = None) -> AudiopostError:
        """One clear AudiopostError for a boto3/botocore failure (no secrets, no traceback noise)."""
        from botocore import exceptions as bx

        where = str(self) if where is None else where
        lead = f"{where}: " if where else ""
        if isinstance(error, AudiopostError):
            return error
        cause = error
        if type(error).__name__ == "S3UploadFailedError" and isinstance(error.__context__, Exception):
            cause = error.__context__  # boto3 wraps the ClientError of an upload
        if isinstance(cause, (bx.NoCredentialsError, bx.PartialCredentialsError)):
            return AudiopostError(NO_CREDENTIALS)
        if isinstance(cause, bx.ProfileNotFound):
            return AudiopostError(f"AWS profile {cause.kwargs.get('profile', '')!r} not found in ~/.aws/config or "
                                  "~/.aws/credentials")
        if isinstance(cause, (bx.EndpointConnectionError, bx.ConnectTimeoutError, bx.ConnectionClosedError)):
            return AudiopostError(f"{lead}cannot reach the endpoint {self.endpoint} ({_reason(cause)})")
        if isinstance(cause, bx.ReadTimeoutError):
            return AudiopostError(f"{lead}the endpoint {self.endpoint} did not answer in time ({operation})")
        if isinstance(cause, bx.ClientError):
            err = cause.response.get("Error", {})
            code = str(err.get("Code", ""))
            status = cause.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if code == "NoSuchBucket" or (operation == "check bucket" and status == 404):
                return AudiopostError(f"s3://{self.bucket}: no such bucket (at {self.endpoint})")
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
                        "AuthorizationHeaderMalformed"):
                return AudiopostError(f"{lead}the S3 credentials were refused ({code})")
            if code == "AccessDenied" or status == 403:
                return AudiopostError(f"{lead}access denied ({operation})")
            detail = code if code and code != str(status) else "error"
            return AudiopostError(f"{lead}{operation} failed: {detail} (HTTP {status})")
        if isinstance(cause, bx.BotoCoreError) or type(error).__name__ == "S3UploadFailedError":
            return AudiopostError(self._scrub(f"{lead}{operation} failed: {type(cause).__name__}: {cause}"))
        return AudiopostError(self._scrub(f"{lead}{operation} failed: {type(error).__name__}: {error}"))

    def _errors(self) -> tuple[type[BaseException], ...]:
        """The exceptions boto3 raises (caught and turned into AudiopostError)."""
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError

        return BotoCoreError, ClientError, Boto3Error

    def _check_bucket(self) -> None:
        """The bucket exists and answers. ``HEAD`` answers 403 without a body both to refused credentials and
        to a key that may write objects but not list the bucket (fine for publishing): then reading the
        manifest tells them apart (its error has a code)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except self._errors() as e:
            from botocore.exceptions import ClientError

            if isinstance(e, ClientError) and e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 403:
                self.read_manifest()
                return
            raise self._error(e, "check bucket") from None

    # -- the Target protocol ---------------------------------------------------------------------------------

    def stat(self, name: str) -> Remote | None:
        """``HEAD`` the object: its size and the SHA-256 stored in its metadata ("" if another tool put it);
        None when it is not there."""
        from botocore.exceptions import ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key(name))
        except ClientError as e:
            if e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404 or \
                    e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise self._error(e, f"stat {name}") from None
        except self._errors() as e:
            raise self._error(e, f"stat {name}") from None
        meta = {k.lower(): v for k, v in (head.get("Metadata") or {}).items()}
        return Remote(name, int(head.get("ContentLength", 0)), str(meta.get("sha256", "")))

    def _extra(self, path: Path, content_type: str, cache_control: str) -> dict[str, Any]:
        extra: dict[str, Any] = {"ContentType": content_type, "CacheControl": cache_control,
                                 "Metadata": {"sha256": sha256_of(path)}}
        if self.acl:
            extra["ACL"] = self.acl
        return extra

    def put(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """Upload with boto3's managed transfer (multipart for large files), with headers and sha256."""
        extra = self._extra(local_path, content_type, cache_control)
        try:
            self.client.upload_file(str(local_path), self.bucket, self.key(name), ExtraArgs=extra)
        except self._errors() as e:
            raise self._error(e, f"upload {name}", where="") from None

    def put_atomic(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """One ``PUT``: S3 replaces an object atomically — a reader gets the old object or the new one, never a
        part of either — so no temp name and rename are needed (S3 has no rename anyway)."""
        extra = self._extra(local_path, content_type, cache_control)
        try:
            with local_path.open("rb") as body:
                self.client.put_object(Bucket=self.bucket, Key=self.key(name), Body=body,
                                       ContentLength=local_path.stat().st_size, **extra)
        except self._errors() as e:
            raise self._error(e, f"upload {name}", where="") from None

    def delete(self, name: str) -> None:
        """Delete the object (S3 answers the same whether it was there or not)."""
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self.key(name))
        except self._errors() as e:
            raise self._error(e, f"delete {name}") from None

    def read_manifest(self) -> dict[str, Remote]:
        """The manifest object, or {} when there is none yet."""
        from botocore.exceptions import ClientError

        key = self.key(MANIFEST)
        try:
            data = self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return {}
            raise self._error(e, "read the publish manifest") from None
        except self._errors() as e:
            raise self._error(e, "read the publish manifest") from None
        return parse_manifest(data, f"s3://{self.bucket}/{key}")

    def write_manifest(self, files: dict[str, Remote]) -> None:
        """Replace the manifest object (one PUT; no ACL: it is audiopost's bookkeeping, not for listeners)."""
        try:
            self.client.put_object(Bucket=self.bucket, Key=self.key(MANIFEST), Body=manifest_bytes(files),
                                   ContentType="application/json", CacheControl=MANIFEST_CACHE)
        except self._errors() as e:
            raise self._error(e, "write the publish manifest") from None
