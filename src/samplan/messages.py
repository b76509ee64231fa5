"""What samplan says in the terminal, in the user's language (gettext).

A message is written in English in the source: its English text is the
gettext msgid, with `{named}` fields for its data. Three ways to write one:

- `_("text")` and `ngettext("one", "many", n)` translate at once (the CLI);
- `Msg("unknown key `{key}`", key=key)` keeps a message as a value with its data,
  for the core (a `Problem`, an error): `str(msg)` is the English text (JSON output,
  logs), `msg.local()` the text in the active language;
- `N_("text")` only marks a text for the catalog, to be translated later.

The catalog is `locale/<lang>/LC_MESSAGES/samplan.mo` beside this file, kept with
Babel (`python -m samplan.i18n_catalog`, see README). Loading it needs only
the stdlib's gettext, which click imports anyway; Babel is never imported here.
The CLI chooses the language once (`use_language`); the core never reads the
environment, and without a choice everything is English.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "samplan"
LANGUAGES = ("en", "sv")  # English is the source language: it needs no catalog

_ENGLISH = gettext.NullTranslations()
_active: gettext.NullTranslations = _ENGLISH
_language = "en"


def _(text: str) -> str:
    """`text` in the active language."""
    return _active.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the active language."""
    return _active.ngettext(singular, plural, n)


def N_(text: str) -> str:
    """Marks `text` for the catalog; it is translated where it is shown."""
    return text


_State = tuple[str, str | None, int, tuple[tuple[str, object], ...]]


class Msg:
    """A message as a value: its English text (the msgid, with `{named}` fields),
    the plural text and count where the wording depends on a number, and its data.

    Arguments that are themselves `Msg` are translated too ("unknown {what}").
    """

    __slots__ = ("args", "n", "plural", "text")

    def __init__(self, text: str, /, **args: object) -> None:
        self.text = text
        self.plural: str | None = None
        self.n = 0
        self.args: tuple[tuple[str, object], ...] = tuple(args.items())

    def render(self, translations: gettext.NullTranslations) -> str:
        if self.plural is None:
            template = translations.gettext(self.text)
        else:
            template = translations.ngettext(self.text, self.plural, self.n)
        values = {
            name: value.render(translations) if isinstance(value, Msg) else value
            for name, value in self.args
        }
        if self.plural is not None:
            values.setdefault("n", self.n)
        return template.format(**values)

    def local(self) -> str:
        """The message in the active language."""
        return self.render(_active)

    def __str__(self) -> str:
        return self.render(_ENGLISH)

    def __repr__(self) -> str:
        return f"Msg({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __getstate__(self) -> _State:
        return self._key()

    def __setstate__(self, state: _State) -> None:
        self.text, self.plural, self.n, self.args = state

    def _key(self) -> _State:
        return (self.text, self.plural, self.n, self.args)


def PluralMsg(singular: str, plural: str, n: int, /, **args: object) -> Msg:
    """A `Msg` whose wording depends on the number `n` (available as `{n}`)."""
    msg = Msg(singular, **args)
    msg.plural = plural
    msg.n = n
    return msg


def local(message: Msg | str) -> str:
    """A message in the active language; a plain text (a name, a path) as it is."""
    return message.local() if isinstance(message, Msg) else message


# --- choosing the language -----------------------------------------------------


def language_from(environ: Mapping[str, str]) -> str:
    """`sv` or `en` from the environment: SAMPLAN_LANG, else gettext's variables.

    As gettext: LANGUAGE (a list such as `sv:en`) first, then the first of
    LC_ALL, LC_MESSAGES, LANG that is set; as GNU gettext, LANGUAGE is ignored
    when that locale is C or POSIX. Swedish for any `sv` locale (sv_SE.UTF-8,
    sv_FI, sv), else English.
    """
    own = environ.get("SAMPLAN_LANG", "").strip()
    if own:
        return _language_of([own])
    locale = next(
        (environ[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(n)), ""
    ).strip()
    if locale in ("C", "POSIX") or locale.startswith("C."):
        return "en"
    return _language_of([*environ.get("LANGUAGE", "").split(":"), locale])


def _language_of(names: list[str]) -> str:
    """The first name that is a language samplan speaks (`sv_FI.UTF-8@euro` is sv)."""
    for name in names:
        code = name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def use_language(language: str) -> None:
    """Make `language` the active one (`en` or a language with a catalog)."""
    global _active, _language
    if language == "en":
        _active, _language = _ENGLISH, "en"
        return
    _active = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _language = language


def active_language() -> str:
    return _language


def active_translations() -> gettext.NullTranslations:
    return _active
