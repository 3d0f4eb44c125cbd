"""The django-q2 Redis broker runs a real task against the real Redis.

The cluster's own parts (pusher → worker → monitor) run one after the other in
this process, on a queue of their own, so the test needs no sleeping: the task
goes through Redis exactly as in production and its result lands in PostgreSQL.
"""

import uuid
from multiprocessing import Event, Queue, Value

import pytest
from django.conf import settings
from django_q.brokers import get_broker
from django_q.brokers.redis_broker import Redis
from django_q.cluster import monitor, pusher, worker
from django_q.conf import Conf
from django_q.models import Task
from django_q.tasks import async_task, result


@pytest.fixture
def redis_broker(redis_url, monkeypatch):
    """A Redis broker built from REDIS_URL as production does, on a queue of this test only."""
    # Production settings turn REDIS_URL into Q_CLUSTER["redis"]; the test settings run tasks
    # synchronously on the ORM, so the broker is chosen here as the production one would be.
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "REDIS", redis_url)
    # The queue's key carries this run's prefix (checkout and xdist worker, cms.settings.test).
    broker = get_broker(list_key=f"{settings.REDIS_KEY_PREFIX}-{uuid.uuid4().hex}")
    assert isinstance(broker, Redis)
    assert broker.ping()
    yield broker
    broker.delete_queue()


def run_cluster_once(broker):
    """Take what the broker holds, run it and save the results: one pass of a cluster."""
    task_queue, result_queue, stop = Queue(), Queue(), Event()
    stop.set()  # each call pulls one task from the broker, then returns
    while broker.queue_size():
        pusher(task_queue, stop, broker=broker)
    task_queue.put("STOP")
    worker(task_queue, result_queue, Value("f", -1))
    result_queue.put("STOP")
    monitor(result_queue, broker=broker)


@pytest.mark.django_db
def test_a_task_goes_through_redis_and_its_result_is_saved(redis_broker):
    task_id = async_task("math.copysign", 3, -1, broker=redis_broker, sync=False)
    failing_id = async_task("math.sqrt", -1, broker=redis_broker, sync=False)
    assert redis_broker.queue_size() == 2
    assert not Task.objects.filter(id=task_id).exists()

    run_cluster_once(redis_broker)

    assert redis_broker.queue_size() == 0
    assert result(task_id) == -3.0
    assert Task.objects.get(id=task_id).success is True
    failed = Task.objects.get(id=failing_id)
    assert failed.success is False and "math domain error" in failed.result


@pytest.mark.django_db
def test_a_task_using_the_database_runs_in_the_worker(redis_broker):
    task_id = async_task("home.health.database_state", broker=redis_broker, sync=False)
    run_cluster_once(redis_broker)
    assert result(task_id) == "ok"
