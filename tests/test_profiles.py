"""Voice profiles: loading by name and path, user profiles shadowing built-in ones, strict validation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audiopost import profiles
from audiopost.engines.piper import how_to_get_a_model
from audiopost.errors import AudiopostError
from audiopost.profiles import Profile, validate

BUILTIN = profiles.builtin_dir()


@pytest.fixture(autouse=True)
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user config dir, so the user's own profiles never leak into these tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "config" / "audiopost" / "voices"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problem(path: Path) -> str:
    """The message validate() raises for the profile at ``path``."""
    with pytest.raises(AudiopostError) as e:
        validate(profiles.load(str(path)))
    return str(e.value)


# Loading


def test_load_by_name_and_by_path() -> None:
    by_name = profiles.load("en-gb")
    assert (by_name.engine, by_name.voice, by_name.rate) == ("espeak", "en-gb", 160)
    assert by_name.path == str(BUILTIN / "en-gb.toml")
    assert profiles.load(str(BUILTIN / "en-gb.toml")) == by_name
    assert profiles.load("default").name == "default"


def test_user_profiles_shadow_builtin_ones(user_config: Path) -> None:
    mine = write(user_config, "default", "rate = 150\n")
    write(user_config, "narrator", 'engine = "espeak"\n')
    assert profiles.load("default").rate == 150
    assert profiles.load("default").path == str(mine)
    assert dict(profiles.available()) == {"default": mine, "en-gb": BUILTIN / "en-gb.toml",
                                          "narrator": user_config / "narrator.toml"}


def test_relative_model_path_is_read_from_the_profiles_folder(tmp_path: Path) -> None:
    path = write(tmp_path / "voices", "joe", 'engine = "piper"\nmodel = "models/joe.onnx"\n')
    assert profiles.load(str(path)).model == str(tmp_path / "voices" / "models" / "joe.onnx")


def test_unknown_profile_lists_the_available_ones() -> None:
    with pytest.raises(AudiopostError) as e:
        profiles.load("nope")
    assert str(e.value) == "unknown voice 'nope' (available: default, en-gb)"


# Validation


def test_shipped_profiles_are_valid() -> None:
    validate(Profile())
    for _, path in profiles.available():
        validate(profiles.load(str(path)))


def test_unknown_engine(tmp_path: Path) -> None:
    path = write(tmp_path, "p", 'engine = "festival"\n')
    assert problem(path) == (f"voice profile {path}: engine 'festival' is not a registered engine "
                             "(available: pyttsx3, espeak, piper)")


def test_piper_without_a_model(tmp_path: Path) -> None:
    path = write(tmp_path, "p", 'engine = "piper"\n')
    assert problem(path) == (f'voice profile {path}: model: the piper engine needs a voice model '
                             f'(model = "/path/to/voice.onnx"); {how_to_get_a_model()}')


def test_piper_model_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "p", 'engine = "piper"\nmodel = "joe.onnx"\n')
    assert problem(path) == f"voice profile {path}: model {tmp_path / 'joe.onnx'}: no such file; {how_to_get_a_model()}"


def test_piper_model_without_its_config(tmp_path: Path) -> None:
    path = write(tmp_path, "p", 'engine = "piper"\nmodel = "joe.onnx"\n')
    (tmp_path / "joe.onnx").write_bytes(b"model")
    assert problem(path) == (f"voice profile {path}: model {tmp_path / 'joe.onnx'} has no joe.onnx.json beside it "
                             "(a Piper voice is both files)")
    (tmp_path / "joe.onnx.json").write_text("{}")
    validate(profiles.load(str(path)))


@pytest.mark.parametrize(("line", "message"), [
    ("rate = 59", "rate must be between 60 and 500 (words per minute), not 59"),
    ("rate = 501", "rate must be between 60 and 500 (words per minute), not 501"),
    ("pitch = -1", "pitch must be between 0 and 100 (espeak-ng's scale), not -1"),
    ("pitch = 101", "pitch must be between 0 and 100 (espeak-ng's scale), not 101"),
    ("volume = -0.5", "volume must be between 0 and 2 (1.0 is the engine's normal level), not -0.5"),
    ("volume = 2.5", "volume must be between 0 and 2 (1.0 is the engine's normal level), not 2.5"),
    ("pause_sentence = -0.1", "pause_sentence must be between 0 and 10 (seconds), not -0.1"),
    ("pause_paragraph = 11", "pause_paragraph must be between 0 and 10 (seconds), not 11"),
    ("pause_section = 60", "pause_section must be between 0 and 10 (seconds), not 60"),
    ("loudness = -9", "loudness must be between -30 and -10 (LUFS; Apple Podcasts asks for -16), not -9"),
    ("loudness = -31", "loudness must be between -30 and -10 (LUFS; Apple Podcasts asks for -16), not -31"),
    ("true_peak = 0.5", "true_peak must be between -10 and 0 (dBTP), not 0.5"),
    ("true_peak = -12", "true_peak must be between -10 and 0 (dBTP), not -12"),
    ("bitrate = 100", "bitrate must be an MP3 CBR bitrate in kbit/s "
                      "(32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320), not 100"),
    ("bitrate = 0", "bitrate must be an MP3 CBR bitrate in kbit/s "
                    "(32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320), not 0"),
])
def test_numbers_out_of_range(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "p", line + "\n")
    assert problem(path) == f"voice profile {path}: {message}"


@pytest.mark.parametrize("line", ["rate = 60", "rate = 500", "pitch = 0", "volume = 0", "volume = 2.0",
                                  "pause_section = 10", "loudness = -30", "true_peak = 0", "bitrate = 320",
                                  "bitrate = 32"])
def test_limits_are_inclusive(tmp_path: Path, line: str) -> None:
    validate(profiles.load(str(write(tmp_path, "p", line + "\n"))))


def test_builtin_defaults_are_named_when_there_is_no_file() -> None:
    with pytest.raises(AudiopostError) as e:
        validate(Profile(rate=10))
    assert str(e.value) == ("voice profile (built-in defaults): rate must be between 60 and 500 (words per minute), "
                            "not 10")


@pytest.fixture
def espeak() -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (Debian/Ubuntu: sudo apt-get install espeak-ng)")


@pytest.mark.usefixtures("espeak")
def test_unknown_espeak_voice(tmp_path: Path) -> None:
    path = write(tmp_path, "p", 'engine = "espeak"\nvoice = "zz-nowhere"\n')
    assert problem(path) == (f"voice profile {path}: voice 'zz-nowhere' is not an espeak-ng voice "
                             "(`audiopost voices` lists them)")
    near = write(tmp_path, "near", 'engine = "espeak"\nvoice = "en-gbb"\n')
    assert problem(near).startswith(f"voice profile {near}: voice 'en-gbb' is not an espeak-ng voice "
                                    "(did you mean en-gb")


@pytest.mark.usefixtures("espeak")
def test_espeak_voices_are_asked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    from audiopost.engines.espeak import EspeakEngine

    real = EspeakEngine.voices.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(EspeakEngine, "voices", classmethod(lambda cls: calls.append(1) or real(cls)))
    profiles._espeak_voices.cache_clear()
    for voice in ("en-gb", "EN-US", "en-us+f3", "de"):  # case and espeak-ng's +variant suffix are fine
        validate(profiles.load(str(write(tmp_path, "p", f'engine = "espeak"\nvoice = "{voice}"\n'))))
    assert calls == [1]
    profiles._espeak_voices.cache_clear()


def test_voices_of_other_engines_are_not_checked_here(tmp_path: Path) -> None:
    validate(profiles.load(str(write(tmp_path, "p", 'engine = "pyttsx3"\nvoice = "zz-nowhere"\n'))))


@pytest.mark.parametrize("key", ["quote_voice", "title_voice"])
def test_voice_references_must_exist(tmp_path: Path, key: str) -> None:
    path = write(tmp_path, "p", f'{key} = "ghost"\n')
    assert problem(path) == (f"voice profile {path}: {key} names profile 'ghost', which does not exist "
                             "(available: default, en-gb)")
    validate(profiles.load(str(write(tmp_path, "ok", f'{key} = "en-gb"\n'))))
