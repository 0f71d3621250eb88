"""`make audit`: Lighthouse, the Nu HTML checker and LinkChecker against a built site on 127.0.0.1.

    python -m devtools.audit [--site DIR] [--runs N] [--skip lighthouse,vnu,links,transfer]

Builds the site (unless --site names a built one), serves it on a free port of 127.0.0.1 the way
deploy/nginx serves it (gzip, each language's own 404 page), and fails (exit 1) under the budgets
of the reader-experience issue:

- Lighthouse 12.2.3, mobile preset, home and five content pages per language, median of --runs:
  accessibility 100, best practices >= 95, SEO 100, performance >= 90 (audit.lighthouse);
- a content page's first visit: <= 120 KB compressed (images excluded), <= 12 requests;
- the Nu HTML checker: no error, except the stock theme's messages in audit.vnu.FILTERED (with
  reasons);
- LinkChecker over HTTP: no broken link, no missing anchor (audit.links).

Tools are installed on first use (audit.tools): npm packages into .cache/audit (never a browser:
Lighthouse uses Debian's /usr/bin/chromium), LinkChecker into this Python environment. Exit 2 when
one is missing and cannot be installed, or the site cannot be built.
"""
