"""The settings that let the site use a multi-node cluster (docs/operations.md § 5.5)."""

from search.client import get_client
from search.documents import content_index


def test_new_indexes_take_the_replica_count_and_the_client_the_retries(settings):
    settings.ELASTICSEARCH_URL = "http://node-a:9200,http://node-b:9200"
    settings.ELASTICSEARCH_NUMBER_OF_REPLICAS = 1
    settings.ELASTICSEARCH_MAX_RETRIES = 3
    assert content_index("razem_x").to_dict()["settings"]["number_of_replicas"] == 1
    client = get_client()
    assert client.transport.max_retries == 3
    assert len(client.transport.node_pool.all()) == 2

    settings.ELASTICSEARCH_NUMBER_OF_REPLICAS = 0
    assert content_index("razem_x").to_dict()["settings"]["number_of_replicas"] == 0
