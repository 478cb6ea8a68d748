"""Messages for a user kept as their Indonesian msgid and named parameters, translated
when shown (rules, imports and stored explanations speak the reader's language). Kernel
material: every app's pure domain returns these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext


class Msg:
    """A message for a user, kept as its Indonesian msgid and named parameters and
    translated when it is shown, not when it is made: import errors are stored with the
    batch and read later, perhaps by someone who reads English. A parameter may itself be
    a Msg (a translated word inside a sentence). Make one with `_("…", name=value)`
    below, which `make messages` extracts like gettext's `_`."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.msgid = msgid
        self.params = params

    def __str__(self) -> str:
        text = gettext(self.msgid)
        if not self.params:
            return text
        params = {k: str(v) if isinstance(v, Msg) else v for k, v in self.params.items()}
        for template in (text, self.msgid):
            try:
                return template % params
            except (KeyError, TypeError, ValueError):
                continue  # a stored message whose wording changed since: the msgid, else bare
        return self.msgid

    def __mod__(self, params: Mapping[str, Any]) -> Msg:
        """`_("Kode %(k)s.") % {"k": kode}` binds parameters, as with a string."""
        return Msg(self.msgid, **{**self.params, **params})

    def __repr__(self) -> str:
        return f"Msg({self.msgid!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self) -> int:
        return hash(self.msgid)

    def as_json(self) -> dict[str, Any]:
        params = {k: v.as_json() if isinstance(v, Msg) else v for k, v in self.params.items()}
        return {"msgid": self.msgid, "params": params}

    @classmethod
    def from_json(cls, data: Any) -> Msg | str:
        """Back from `as_json`; a plain string (stored before messages had ids) stays."""
        if not isinstance(data, dict) or not isinstance(data.get("msgid"), str):
            return "" if data is None else str(data)
        raw = data.get("params")
        params: dict[str, Any] = raw if isinstance(raw, dict) else {}
        return cls(
            data["msgid"],
            **{k: cls.from_json(v) if isinstance(v, dict) else v for k, v in params.items()},
        )


def _(msgid: str, /, **params: Any) -> Msg:
    """`_("Teks %(n)s.", n=…)`: a Msg. Named `_` so that `make messages` extracts it."""
    return Msg(msgid, **params)


def render(message: Any) -> str:
    """A stored message (Msg JSON, or a plain string from before) in the current language."""
    return str(Msg.from_json(message))
