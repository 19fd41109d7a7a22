"""The machinery behind ``arabic-clean fix / check / --diff / segment``, one job per module.

- `settings`: the options of one run (`Settings`, `Mode`) from the command line and
  ``[tool.arabic-clean]``, and the pipeline they name;
- `sources`: which files a run reads and where each one's output goes (links, FIFOs, -o);
- `reading`: opening an input and cutting it into chunks of whole records;
- `pool`: cleaning chunks, in this process or in worker processes, results in input order;
- `writer`: writing outputs atomically and refusing rewrites that would do harm;
- `summary`: what a run counts, its closing messages, its exit code and its --stats report;
- `runner`: one run from start to end, chunk by chunk and file by file;
- `errors`: the exit codes and the errors that end a run before it starts.

`arabic_clean.cli` is the entry point: it parses the command line and hands over to `runner`.
Nothing here imports the pipeline or its passes at import time (start-up stays cheap).
"""
