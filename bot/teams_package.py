"""The Teams app package: config/teams/ zipped for upload, with the bot's app id filled in."""

from __future__ import annotations

import json
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parent.parent / "config" / "teams"
PLACEHOLDER = "${{CLIENT_ID}}"
_GUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Teams refuses a package whose icons are any other size.
ICON_SIZES = {"color": (192, 192), "outline": (32, 32)}
# (path in the manifest, longest text Teams accepts there)
_REQUIRED_TEXT = (
    ("manifestVersion", 16),
    ("version", 256),
    ("id", 36),
    ("developer.name", 32),
    ("developer.websiteUrl", 2048),
    ("developer.privacyUrl", 2048),
    ("developer.termsOfUseUrl", 2048),
    ("name.short", 30),
    ("name.full", 100),
    ("description.short", 80),
    ("description.full", 4000),
    ("icons.color", 2048),
    ("icons.outline", 2048),
    ("accentColor", 7),
)


class TeamsPackageError(Exception):
    """The package cannot be built; the message says what to fix, in one line."""


def build_package(app_id: str, out: Path, source: Path = SOURCE) -> Path:
    """Write the zip Teams accepts (manifest.json and the two icons at its root) to `out`."""
    app_id = app_id.strip()
    if not _GUID.fullmatch(app_id):
        raise TeamsPackageError(
            f"the app id must be a GUID like 00000000-0000-0000-0000-000000000000 (the Azure"
            f" bot's Microsoft App ID), got {app_id!r}"
        )
    manifest_path = source / "manifest.json"
    try:
        text = manifest_path.read_text(encoding="utf-8").replace(PLACEHOLDER, app_id)
    except OSError as error:
        raise TeamsPackageError(f"cannot read {manifest_path}: {error.strerror}") from None
    manifest = _parse(text, manifest_path)
    icons = {kind: _icon(source, manifest["icons"][kind], kind) for kind in ICON_SIZES}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
            package.writestr("manifest.json", text)
            for kind, data in icons.items():
                package.writestr(manifest["icons"][kind], data)
    except OSError as error:
        raise TeamsPackageError(f"cannot write {out}: {error.strerror}") from None
    return out


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header, or ValueError when `data` is not a PNG."""
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as error:
        raise TeamsPackageError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}"
        ) from None
    if not isinstance(manifest, dict):
        raise TeamsPackageError(f"{path} must hold a JSON object")
    if "${{" in text:
        left = re.search(r"\$\{\{[^}]*\}\}", text)
        raise TeamsPackageError(
            f"{path} still holds the placeholder {left.group() if left else '${{…}}'}:"
            f" only {PLACEHOLDER} is filled in"
        )
    for key, longest in _REQUIRED_TEXT:
        value = _get(manifest, key)
        if not isinstance(value, str) or not value.strip():
            raise TeamsPackageError(f"{path}: {key} is missing; Teams requires it")
        if len(value) > longest:
            raise TeamsPackageError(
                f"{path}: {key} is {len(value)} characters; Teams accepts at most {longest}"
            )
    for bot in manifest.get("bots", []):
        for commands in bot.get("commandLists", []):
            for command in commands.get("commands", []):
                if len(command.get("title", "")) > 32 or len(command.get("description", "")) > 128:
                    raise TeamsPackageError(
                        f"{path}: the command {command.get('title')!r} is too long; Teams"
                        " accepts titles of 32 characters and descriptions of 128"
                    )
    return manifest


def _get(manifest: dict[str, Any], key: str) -> Any:
    value: Any = manifest
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _icon(source: Path, name: str, kind: str) -> bytes:
    if Path(name).name != name:
        # Teams looks for the icons beside manifest.json, at the root of the zip.
        raise TeamsPackageError(
            f"icons.{kind} must be a file name beside manifest.json, got {name!r}"
        )
    path = source / name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TeamsPackageError(f"cannot read the {kind} icon {path}: {error.strerror}") from None
    try:
        size = png_size(data)
    except ValueError:
        raise TeamsPackageError(f"the {kind} icon {path} is not a PNG image") from None
    want = ICON_SIZES[kind]
    if size != want:
        raise TeamsPackageError(
            f"the {kind} icon {path} is {size[0]}x{size[1]} pixels; Teams requires"
            f" {want[0]}x{want[1]}"
        )
    return data
