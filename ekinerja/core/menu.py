"""The navigation bar, filled by the apps (issue 12 item 5).

core renders the navigation bar (base.html, core/_nav.html) but may not name the
pages of the apps above it. Each app registers its own entries from its
AppConfig.ready(), from its `menu.py`:

    from ekinerja.core import menu
    menu.register(menu.Entry(key="plans", order=300, label=_("SKP"), url="plans:skp-mine",
                             sections=((menu.Link(_("SKP saya"), "plans:skp-mine"), …), …)))

- `Entry`: a top-level entry, a plain link or (with `sections`) a dropdown whose
  sections are separated by a divider; `order` places it (org 10–40, sakip 200,
  plans 300, execution 400, attendance 450, appraisal 500, allowance 600, reports 700,
  org's import 900, core's audit trail 950); `audience` is MEMBERS (people of an
  instansi) or PLATFORM (the platform admin, who has none).
- `Link`: a label, a URL (a URL name, or a function of the actor giving the URL) and
  `visible(actor)`. Predicates read the actor and its memoised scope
  (org.access.org_scope), so the whole menu costs no query beyond the scope every page
  already computes.
- `register_account_link`: a link at the top of the user's dropdown ("Profil saya").
- `register_home`: where `/` sends an actor of an audience (core.views.home).

Registering the same key again replaces the entry (a repeated AppConfig.ready()).
The context processor `core.context_processors.menu` hands the template lazy callables:
nothing is computed for a page that does not render the bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Actor

MEMBERS = "members"
PLATFORM = "platform"

Visible = Callable[[Actor], bool]
Url = str | Callable[[Actor], str]  # a URL name (reversed without arguments), or a function


def always(actor: Actor) -> bool:
    return True


@dataclass(frozen=True)
class Link:
    label: Any  # a lazy translation
    url: Url
    visible: Visible = always


@dataclass(frozen=True)
class Entry:
    key: str
    order: int
    label: Any
    url: Url
    sections: tuple[tuple[Link, ...], ...] = ()
    visible: Visible = always
    audience: str = MEMBERS


@dataclass(frozen=True)
class Shown:
    """A link as rendered: the label and the URL for this actor."""

    label: Any
    url: str


@dataclass(frozen=True)
class ShownEntry:
    label: Any
    url: str
    sections: tuple[tuple[Shown, ...], ...]  # only the sections with a visible link


_entries: dict[str, Entry] = {}
_account_links: dict[str, tuple[int, Link]] = {}
_homes: dict[str, Url] = {}


def register(*entries: Entry) -> None:
    for entry in entries:
        _entries[entry.key] = entry


def register_account_link(key: str, order: int, link: Link) -> None:
    _account_links[key] = (order, link)


def register_home(audience: str, url: Url) -> None:
    _homes[audience] = url


def entries() -> tuple[Entry, ...]:
    return tuple(sorted(_entries.values(), key=lambda e: (e.order, e.key)))


def _url(url: Url, actor: Actor) -> str:
    return reverse(url) if isinstance(url, str) else url(actor)


def audience_of(actor: Actor | None) -> str | None:
    """Whose menu the actor sees: a member's (an instansi), the platform admin's, or
    none (no actor, or a login with neither)."""
    if not actor:
        return None
    if actor.instansi_id:
        return MEMBERS
    return PLATFORM if actor.is_platform_admin else None


def menu_for(actor: Actor | None) -> list[ShownEntry]:
    """The entries the actor sees, in order, each with its visible links."""
    audience = audience_of(actor)
    if audience is None:
        return []
    assert actor is not None
    out = []
    for entry in entries():
        if entry.audience != audience or not entry.visible(actor):
            continue
        sections = tuple(
            shown
            for shown in (
                tuple(Shown(link.label, _url(link.url, actor)) for link in s if link.visible(actor))
                for s in entry.sections
            )
            if shown
        )
        if entry.sections and not sections:
            continue  # a dropdown with nothing in it is left out
        out.append(ShownEntry(entry.label, _url(entry.url, actor), sections))
    return out


def account_links_for(actor: Actor | None) -> list[Shown]:
    if not actor:
        return []
    return [
        Shown(link.label, _url(link.url, actor))
        for _order, link in sorted(_account_links.values(), key=lambda item: item[0])
        if link.visible(actor)
    ]


def home_url(actor: Actor) -> str:
    """Where `/` sends the actor: the platform admin (no instansi) to the platform's
    home, everyone else to the members' home."""
    audience = PLATFORM if actor.is_platform_admin and not actor.instansi_id else MEMBERS
    try:
        return _url(_homes[audience], actor)
    except KeyError:
        raise ImproperlyConfigured(f"No app registered a home page for {audience}.") from None


# --- core's own entries (registered in CoreConfig.ready()) --------------------------------


def _admin_or_auditor(actor: Actor) -> bool:
    return actor.is_admin or actor.is_auditor


CORE_ENTRIES = (
    Entry("core-audit", 950, _("Jejak audit"), "core:audit-list", visible=_admin_or_auditor),
    Entry("core-locks", 20, _("Kunci masuk"), "core:lock-list", audience=PLATFORM),
)
