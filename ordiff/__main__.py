from ordiff.cli import main

raise SystemExit(main())
