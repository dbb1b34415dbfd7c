"""The schedule as an iCalendar file: one all-day event per milestone and per chapter deadline.

Editors import it into Outlook or Google Calendar, and import it again after a change. The
events are the team's own agenda items, so they are titled in Dutch, like the documents.
Two promises make that safe:
- stable UIDs (`milestone-<id>@<edition>.staatc`, `deadline-<chapter slug>@<edition>.staatc`),
  so a re-import updates the events instead of adding copies;
- the same edition gives the same bytes: DTSTAMP is the edition's peildatum (00:00 UTC), not
  the clock, and nothing depends on `as_of` (the calendar holds the plan, not today's state).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from staatc.model import Edition

PRODID = "-//staatc//Staat van de Uitvoering//NL"


def calendar_bytes(edition: Edition) -> bytes:
    """The iCalendar text of the edition's milestones and chapter deadlines (pure)."""
    from icalendar import Calendar, Event

    config = edition.config
    assert config is not None, "only a loaded edition has a schedule"
    domain = f"{config.edition}.staatc"
    stamp = datetime.combine(config.peildatum, time(0, 0), tzinfo=timezone.utc)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", config.title)

    def event(uid: str, day, summary: str, description: str) -> Event:
        ev = Event()
        ev.add("uid", f"{uid}@{domain}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", day)  # a date, not a datetime: an all-day event
        ev.add("dtend", day + timedelta(days=1))
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        return ev

    for m in config.milestones:
        gate = (f" Op deze datum heeft elk hoofdstuk minstens de status '{m.gate}'." if m.gate else "")
        cal.add_component(event(
            f"milestone-{m.id}", m.date, m.name,
            f"{config.title}: mijlpaal '{m.id}'.{gate}",
        ))
    for c in edition.chapters:
        cal.add_component(event(
            f"deadline-{c.slug}", c.deadline, f"Deadline hoofdstuk {c.number:02d}: {c.title}",
            f"{config.title}: hoofdstuk {c.slug} is op deze datum definitief (status final). "
            f"Eigenaar: {c.owner}.",
        ))
    return cal.to_ical()


