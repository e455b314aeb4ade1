"""The Teams app package: what Teams needs in the zip, and one clear line when it can't be built."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.teams_package import SOURCE, TeamsPackageError, build_package, png_size

APP_ID = "3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f"


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def manifest_of(path: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(unzip(path)["manifest.json"])
    return manifest


def refusal(app_id: str, out: Path, source: Path = SOURCE) -> str:
    with pytest.raises(TeamsPackageError) as raised:
        build_package(app_id, out, source)
    message = str(raised.value)
    assert "\n" not in message
    return message


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of config/teams/ that a test may spoil."""
    return Path(shutil.copytree(SOURCE, tmp_path / "teams"))


def test_the_zip_holds_the_manifest_and_both_icons_at_its_root(tmp_path: Path) -> None:
    out = build_package(APP_ID, tmp_path / "deep" / "kept.zip")

    assert out == tmp_path / "deep" / "kept.zip"
    assert sorted(unzip(out)) == ["color.png", "manifest.json", "outline.png"]


def test_the_app_id_is_filled_in_everywhere(tmp_path: Path) -> None:
    out = build_package(f"  {APP_ID}\n", tmp_path / "kept.zip")

    text = unzip(out)["manifest.json"].decode()
    manifest = json.loads(text)
    assert "${{" not in text
    assert manifest["id"] == APP_ID
    assert [bot["botId"] for bot in manifest["bots"]] == [APP_ID]
    assert manifest["webApplicationInfo"]["id"] == APP_ID


@pytest.mark.parametrize("bad", ["", "kept", "3f2b8c1e9d4a4e6b8f7c1a2b3c4d5e6f", APP_ID + "0"])
def test_an_app_id_that_is_not_a_guid_is_refused(tmp_path: Path, bad: str) -> None:
    message = refusal(bad, tmp_path / "kept.zip")

    assert message.startswith("the app id must be a GUID")
    assert not (tmp_path / "kept.zip").exists()


def test_the_icons_are_the_sizes_teams_requires(tmp_path: Path) -> None:
    files = unzip(build_package(APP_ID, tmp_path / "kept.zip"))

    assert png_size(files["color.png"]) == (192, 192)
    assert png_size(files["outline.png"]) == (32, 32)


def test_the_outline_icon_is_white_on_transparent(tmp_path: Path) -> None:
    outline = Image.open(
        io.BytesIO(unzip(build_package(APP_ID, tmp_path / "k.zip"))["outline.png"])
    )

    data = outline.convert("RGBA").tobytes()
    pixels = [tuple(data[i : i + 4]) for i in range(0, len(data), 4)]
    assert {(r, g, b) for r, g, b, a in pixels if a} == {(255, 255, 255)}
    assert any(a == 0 for *_, a in pixels)


def test_every_scope_suggests_promise_kudos_digest_and_help(tmp_path: Path) -> None:
    [bot] = manifest_of(build_package(APP_ID, tmp_path / "kept.zip"))["bots"]

    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    scopes = [scope for commands in bot["commandLists"] for scope in commands["scopes"]]
    assert sorted(scopes) == ["groupChat", "personal", "team"]
    for commands in bot["commandLists"]:
        assert [command["title"] for command in commands["commands"]] == [
            "promise",
            "kudos",
            "digest",
            "help",
        ]


def test_the_bot_may_read_channel_and_chat_messages_to_spot_promises(tmp_path: Path) -> None:
    manifest = manifest_of(build_package(APP_ID, tmp_path / "kept.zip"))

    assert manifest["manifestVersion"] == "1.17"
    assert manifest["authorization"]["permissions"]["resourceSpecific"] == [
        {"name": "ChannelMessage.Read.Group", "type": "Application"},
        {"name": "ChatMessage.Read.Chat", "type": "Application"},
    ]


def test_an_icon_of_the_wrong_size_is_refused(tmp_path: Path, source: Path) -> None:
    shutil.copy(source / "outline.png", source / "color.png")

    message = refusal(APP_ID, tmp_path / "kept.zip", source)

    assert message == (
        f"the color icon {source / 'color.png'} is 32x32 pixels; Teams requires 192x192"
    )


def test_an_icon_that_is_not_a_png_is_refused(tmp_path: Path, source: Path) -> None:
    (source / "outline.png").write_text("not an image")

    assert refusal(APP_ID, tmp_path / "kept.zip", source).endswith("is not a PNG image")


def test_a_manifest_missing_a_field_teams_requires_is_refused(tmp_path: Path, source: Path) -> None:
    manifest = json.loads((source / "manifest.json").read_text())
    del manifest["developer"]["privacyUrl"]
    (source / "manifest.json").write_text(json.dumps(manifest))

    message = refusal(APP_ID, tmp_path / "kept.zip", source)

    assert message.endswith("developer.privacyUrl is missing; Teams requires it")


def test_a_manifest_that_is_not_json_is_refused(tmp_path: Path, source: Path) -> None:
    (source / "manifest.json").write_text('{"id": ')

    assert "manifest.json is not valid JSON" in refusal(APP_ID, tmp_path / "kept.zip", source)


def test_a_command_description_too_long_for_teams_is_refused(tmp_path: Path, source: Path) -> None:
    manifest = json.loads((source / "manifest.json").read_text())
    manifest["bots"][0]["commandLists"][0]["commands"][0]["description"] = "x" * 129
    (source / "manifest.json").write_text(json.dumps(manifest))

    assert "the command 'promise' is too long" in refusal(APP_ID, tmp_path / "kept.zip", source)


def test_png_size_reads_the_header_only() -> None:
    with pytest.raises(ValueError):
        png_size(b"GIF89a")
