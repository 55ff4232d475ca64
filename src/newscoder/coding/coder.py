"""Mentions to events: the coder's steps, in the order they run.

One :class:`~.draft.Draft` per event. Each step reads the article's facts
(:class:`~.facts.ArticleFacts`, found once before coding) and the drafts the steps
before it left, and returns the drafts for the next; :func:`~.assembly.finish` turns
the last drafts into events. The order is part of the contract: a step may rely on
everything the steps before it wrote, and on nothing after.

    group_mentions          grouping.py    mentions -> drafts
    own_date_and_place      when_where.py  date, place from the event's own sentence
    attach_casualties       grouping.py    casualty figures
    count_lone_victims      grouping.py    "a policeman was shot dead": one
    merge_references        merging.py     later tellings join the event
    merge_armed_responses   merging.py     an attack and the fire fight answering it
    inherit_date_and_place  when_where.py  what the sentence does not say
    type_actors             actor_typing   the two sides, typed as ACLED does
    finish                  assembly.py    events, the main one first
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# isort: off
# The step modules in the order they apply: the registry lists rules in the order their
# modules are first imported (`newscoder rules`). sentence_places runs when the facts
# are gathered (WW005-WW042); draft's head and family rules apply from the first step on.
from newscoder.coding.sentence_places import places_by_sentence
from newscoder.coding.draft import Draft
from newscoder.coding.grouping import attach_casualties, count_lone_victims, group_mentions
from newscoder.coding.when_where import inherit_date_and_place, own_date_and_place
from newscoder.coding.merging import merge_armed_responses, merge_references
from newscoder.coding.actor_typing import type_actors
from newscoder.coding.assembly import finish

# isort: on
from newscoder.coding.facts import ArticleFacts
from newscoder.types import Event


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the coder: what it reads and what it writes on the drafts."""

    name: str
    run: Callable[[list[Draft], ArticleFacts], list[Draft]]
    reads: str
    writes: str


STEPS: tuple[Step, ...] = (
    Step(
        "group_mentions",
        group_mentions,
        reads="facts.mentions (the generic and the quoted ones dropped), the cause and "
        "'sparked' words",
        writes="new drafts: mentions (governed ones joined, casualty verbs and aftermath folded "
        "into the sentence's violence), cause",
    ),
    Step(
        "own_date_and_place",
        own_date_and_place,
        reads="mentions (head, scope), facts.sentences[...].times, facts.places, publication date",
        writes="date, own_date, place, own_place",
    ),
    Step(
        "attach_casualties",
        attach_casualties,
        reads="mentions, family, facts.sentences[...].casualties, the cause words",
        writes="casualties",
    ),
    Step(
        "count_lone_victims",
        count_lone_victims,
        reads="mentions (trigger, actor2), casualties",
        writes="casualties (one victim named without a number)",
    ),
    Step(
        "merge_references",
        merge_references,
        reads="family, mentions, own_date, date, own_place, place, casualties, the cause words",
        writes="drops drafts merged into earlier ones; mentions, casualties, date, place, reasons",
    ),
    Step(
        "merge_armed_responses",
        merge_armed_responses,
        reads="family, mentions (paragraph), own_date, date",
        writes="drops answering fire fights; mentions, casualties, date, place, reasons",
    ),
    Step(
        "inherit_date_and_place",
        inherit_date_and_place,
        reads="date, place, mentions (paragraph), facts.explicit_dates, facts.places, "
        "facts.sentences[...].nationwide / names_the_capital, facts.ctx.countries",
        writes="date (always set), place, reasons",
    ),
    Step(
        "type_actors",
        type_actors,
        reads="mentions (actor phrases), family, date, place, facts.ctx, "
        "facts.sentences[...].suspect_word",
        writes="actor1, actor2",
    ),
)


__all__ = ["STEPS", "Step", "code_events", "places_by_sentence"]


def code_events(facts: ArticleFacts) -> list[Event]:
    """The events of one article, the report's main event first."""
    drafts: list[Draft] = []
    for step in STEPS:
        drafts = step.run(drafts, facts)
    return finish(drafts, facts)
