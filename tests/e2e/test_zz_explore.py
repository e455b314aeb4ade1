import json
from datetime import timedelta, datetime, UTC
from bot.jobs.scheduler import run_once
from tests.e2e.conftest import TeamsWorld
from tests.fakes.teams_activities import ANA, BEN, RAJ, SALES
from tests.fakes.teams_connector import personal_conversation_id
from sqlalchemy import select
from bot.store.models import OutboxMessage, Conversation

def dump(world):
    for c in world.connector.calls:
        print(c.kind, c.status, c.path, json.dumps(c.body)[:300] if c.body else None, c.response)
def rows(w):
    with w.kept.db.unit_of_work() as s:
        for o in s.scalars(select(OutboxMessage)):
            print(o.kind, o.recipient, o.status, o.attempts, o.deliver_after, o.last_error)

def test_a(teams_world: TeamsWorld):
    w = teams_world
    w.connector.not_installed(RAJ.id)
    w.teams.channel_message(ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday 3pm", mentions=[RAJ])
    print(run_once(w.kept.jobs()))
    dump(w); rows(w)
    assert 0

def test_b(teams_world: TeamsWorld):
    w = teams_world
    w.teams.personal_message(RAJ, "help")
    w.connector.not_installed(RAJ.id)
    w.teams.channel_message(ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday 3pm", mentions=[RAJ])
    print(run_once(w.kept.jobs()))
    dump(w); rows(w)
    assert 0

def test_c(teams_world: TeamsWorld):
    w = teams_world
    w.teams.channel_message(ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday 3pm", mentions=[RAJ])
    w.connector.fail_next("send", 429, retry_after=30)
    print(run_once(w.kept.jobs()))
    rows(w)
    print(run_once(w.kept.jobs()))
    w.clock.advance(timedelta(seconds=30))
    print(run_once(w.kept.jobs()))
    print(run_once(w.kept.jobs()))
    dump(w); rows(w)
    assert 0
