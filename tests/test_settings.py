"""Live portals get polite defaults; only the loopback sample portal turns them off."""

import pytest

from crawler.registry import get_portal
from crawler.run import crawl_settings


def settings_for(portal_id):
    return crawl_settings(get_portal(portal_id), db="x.db", archive="archive")


def test_live_portals_are_crawled_politely():
    settings = settings_for("kaiyuan")
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert "govreports" in settings["USER_AGENT"] and "https://" in settings["USER_AGENT"]


def test_the_sample_portal_overrides_politeness_for_loopback_only():
    settings = settings_for("sample")
    assert get_portal("sample")["base_url"].startswith("http://127.0.0.1:")
    assert settings.getfloat("DOWNLOAD_DELAY") == 0 and not settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getbool("ROBOTSTXT_OBEY")


def test_crawl_options_override_everything():
    settings = crawl_settings(
        get_portal("kaiyuan"), db="x.db", archive="a", jobdir="job", overrides={"DOWNLOAD_DELAY": "5"}
    )
    assert (settings["JOBDIR"], settings.getfloat("DOWNLOAD_DELAY"), settings["GOVREPORTS_DB"]) == ("job", 5, "x.db")


def test_extraction_is_never_moved_onto_the_reactor_thread():
    """Pages and attachments are always parsed in worker processes: 0 processes is refused before the crawl starts."""
    from scrapy.utils.test import get_crawler

    from crawler.pipelines import StorePipeline

    with pytest.raises(ValueError, match="GOVREPORTS_EXTRACT_PROCESSES must be 1 or more"):
        StorePipeline.from_crawler(get_crawler(settings_dict={"GOVREPORTS_EXTRACT_PROCESSES": 0}))
    assert StorePipeline.from_crawler(get_crawler(settings_dict={"GOVREPORTS_EXTRACT_PROCESSES": 2})).processes == 2
