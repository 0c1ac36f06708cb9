"""Live portals get polite defaults; only the loopback sample portal turns them off."""
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
    settings = crawl_settings(get_portal("kaiyuan"), db="x.db", archive="a", jobdir="job",
                              overrides={"DOWNLOAD_DELAY": "5"})
    assert (settings["JOBDIR"], settings.getfloat("DOWNLOAD_DELAY"), settings["GOVREPORTS_DB"]) == ("job", 5, "x.db")
