"""The bundle's entry point: app.launcher with multiprocessing made safe for a frozen program
(spaCy's nlp.pipe may start worker processes, which re-run this executable)."""

import multiprocessing

multiprocessing.freeze_support()

from app.launcher import main  # noqa: E402

raise SystemExit(main())
