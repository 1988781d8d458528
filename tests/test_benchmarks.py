"""The pipeline benchmark runs (quick sizes) and reports consistent, complete figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.bench_pipeline import STAGES, TARGETS, main, measure_orchestration, write_corpus


@pytest.mark.slow
def test_quick_benchmark_writes_every_figure(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    sizes = ["--text", "40", "--html", "8", "--stream", "400", "--orchestration", "0"]
    sizes += ["--batch-size", "200"]
    code = main(["--quick", *sizes, "--json", str(out), "--workdir", str(tmp_path / "work")])
    assert code == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    for media, count in (("text", 40), ("html", 8), ("html_small", 8)):
        corpus = results[media]
        assert corpus["count_articles"] == count
        assert set(corpus["seconds"]) == set(STAGES)
        assert all(rate > 0 for rate in corpus["articles_per_second"].values())
        total = sum(corpus["seconds"].values())
        assert corpus["end_to_end_articles_per_second"] == pytest.approx(count / total, rel=0.01)
        # end to end is never faster than its slowest stage
        assert corpus["end_to_end_articles_per_second"] <= min(
            corpus["articles_per_second"].values()
        )
    quantulum = results["quantulum"]
    assert quantulum["quantulum3_seconds"] > 0
    assert quantulum["speedup_vs_quantulum3"] == pytest.approx(
        quantulum["quantulum3_seconds"] / quantulum["ours_extract_seconds"], rel=0.01
    )
    news, small = results["trafilatura"], results["trafilatura_small"]
    for pages, media in ((news, "html"), (small, "html_small")):
        assert pages["count_pages"] == 8 and pages["trafilatura_seconds"] > 0
        ours = results[media]["count_articles"] / results[media]["end_to_end_articles_per_second"]
        assert pages["ours_end_to_end_seconds"] == pytest.approx(ours, rel=0.01)
        assert 1 + pages["overhead_vs_trafilatura"] == pytest.approx(
            pages["ours_end_to_end_seconds"] / pages["trafilatura_seconds"], rel=0.01
        )
    # news-sized pages carry a site's chrome around the same articles
    assert news["mean_page_bytes"] > 10 * small["mean_page_bytes"]
    target = results["targets"]["html_overhead_vs_trafilatura"]
    assert target["value"] == news["overhead_vs_trafilatura"]
    streaming = results["streaming"]
    assert streaming["count_articles"] == 400
    assert len(streaming["rss_samples_mib"]) == 2  # one sample per batch of 200
    assert streaming["projected_peak_rss_1m_bytes"] >= streaming["peak_rss_bytes"] > 0
    assert streaming["projected_hours_1m_on_2_cores"] > 0
    # the serial steps were timed against a warehouse and index grown to the scale
    assert streaming["scale_articles"] >= 20_000
    assert streaming["scale_warehouse_bytes"] > 0
    assert streaming["load_seconds_per_batch_at_scale"] > 0
    assert streaming["projected_peak_rss_1m_bytes"] >= streaming["rss_with_scale_index_bytes"]
    assert results["orchestration"] is None
    assert set(results["targets"]) == set(TARGETS) - {"orchestration_share"}
    printed = capsys.readouterr().out
    assert "end to end" in printed and "1M projection" in printed


@pytest.mark.slow
def test_orchestration_share_compares_the_flow_with_its_task_bodies(
    prefect_harness, tmp_path: Path
) -> None:
    paths = write_corpus(tmp_path / "corpus", 60, (".txt",))
    result = measure_orchestration(paths, tmp_path, repeats=1)
    assert result.count_articles == 60
    assert result.flow_seconds > 0 and result.direct_seconds > 0
    assert 0 <= result.orchestration_share < 1


def test_claim_benchmark_splits_its_cost(tmp_path: Path) -> None:
    from benchmarks.bench_claims import main as claims_main

    out = tmp_path / "claims.json"
    assert claims_main(["--articles", "30", "--repeat", "1", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["articles"] == 30 and result["facts"] > 30
    assert result["ms_fixed_per_article"] > 0 and result["ms_per_fact"] > 0
    assert result["met"] == (result["ms_per_article_best"] <= result["target_ms_per_article"])
    # the parts add up to the whole
    fixed = result["ms_fixed_per_article"] * result["articles_with_facts"]
    whole = fixed + result["ms_per_fact"] * result["facts"]
    assert whole == pytest.approx(result["ms_per_article_best"] * 30, rel=0.05)


@pytest.mark.slow
def test_scale_benchmark_quick_figures(tmp_path: Path) -> None:
    from benchmarks.bench_scale import main as bench_scale

    out = tmp_path / "scale.json"
    assert bench_scale(["--pages", "100", "--files", "2", "--quick", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["on_topic_pages"] == 5  # every 20th page: 5 %
    assert figures["kept_by_prefilter"] == 5 and figures["skipped_offtopic"] == 95
    assert figures["cpu_ms_per_skipped_page"] < figures["cpu_ms_per_processed_page"]
    assert (
        figures["pages_per_core_second_with_prefilter"]
        > (figures["pages_per_core_second_without_prefilter"])
    )
    assert figures["warcio_records_per_cpu_second"] > 0
