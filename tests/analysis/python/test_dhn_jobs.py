"""dhn.jobs: the one job runner of scripts/figure_data.py and scripts/crosscheck.py."""
import sys

import pytest

from dhn import jobs


def python(code):
    return [sys.executable, "-c", code]


def test_runs_longest_first_and_returns_stdout(tmp_path):
    work = [jobs.Job(python("print('short')"), "short", cost=1.0),
            jobs.Job(python("print('long')"), "long", cost=5.0)]
    assert [j.label for j in jobs.pending(work)] == ["long", "short"]
    done = jobs.run_all(work, workers=1)
    assert {r.label: r.stdout for r in done} == {"long": "long\n", "short": "short\n"}
    assert all(r.seconds >= 0 for r in done)


def test_skips_existing_outputs_unless_asked_not_to(tmp_path):
    out = tmp_path / "a.txt"
    out.write_text("kept")
    job = jobs.Job(python(f"open({str(out)!r}, 'w').write('new')"), "a", output=str(out))
    assert jobs.run_all([job], workers=2) == []
    assert out.read_text() == "kept"
    assert len(jobs.run_all([job], workers=2, skip_existing=False)) == 1
    assert out.read_text() == "new"


def test_stdout_to_output_is_written_atomically(tmp_path):
    out = tmp_path / "c.json"
    jobs.run_all([jobs.Job(python("print('{}')"), "c", output=str(out), stdout_to_output=True)], workers=1)
    assert out.read_text() == "{}\n"
    assert not (tmp_path / "c.json.tmp").exists()


def test_failure_names_command_status_and_stderr(tmp_path):
    work = [jobs.Job(python("import sys; sys.stderr.write('boom'); sys.exit(3)"), "bad", output=str(tmp_path / "x"))]
    with pytest.raises(jobs.JobError) as error:
        jobs.run_all(work, workers=2)
    assert "exited 3" in str(error.value) and "boom" in str(error.value)
    assert error.value.job.label == "bad"
    assert not (tmp_path / "x").exists()


def test_missing_program_is_a_job_error(tmp_path):
    with pytest.raises(jobs.JobError, match="could not be started"):
        jobs.run_job(jobs.Job([str(tmp_path / "no-such-program")], "missing"))


def test_workers_must_be_positive():
    with pytest.raises(ValueError):
        jobs.run_all([], workers=0)
