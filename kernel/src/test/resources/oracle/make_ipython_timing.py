"""IPython's time formatting (the %timeit / %time lines), recorded for TimingTest.
usage: /usr/bin/python3 make_ipython_timing.py > ipython_timing.json   (Debian python3-ipython 8.5)"""
import json
import IPython
from IPython.core.magics.execution import _format_time, TimeitResult

spans = [0.0, 1e-10, 3.3e-9, 1e-9, 9.9949e-9, 9.996e-9, 1.23456e-7, 9.99e-7, 1e-6, 4.5678e-6, 0.000999, 0.0009996, 0.00123, 0.0456,
         0.1, 0.5, 0.99951, 1.0, 2.5, 59.9, 60.0, 61.5, 3599.0, 3600.0, 3725.2, 90061.0, 12.3456789, 123.456]
timeit = []
for loops, runs, all_runs in [(100000, 7, [0.12, 0.13, 0.125, 0.121, 0.119, 0.122, 0.124]), (1, 1, [0.5]), (10, 3, [1.0, 2.0, 3.0]), (1000, 7, [0.2] * 7)]:
    r = TimeitResult(loops, runs, min(all_runs) / loops, max(all_runs) / loops, all_runs, None, 3)
    timeit.append({"loops": loops, "runs": runs, "all_runs": all_runs, "text": str(r)})
json.dump({"ipython": IPython.__version__, "format_time": [[s, _format_time(s)] for s in spans], "timeit": timeit}, __import__("sys").stdout, indent=1, ensure_ascii=False)
