"""``python -m depthconf`` is the ``depthconf`` command."""

from depthconf.cli import main

raise SystemExit(main())
