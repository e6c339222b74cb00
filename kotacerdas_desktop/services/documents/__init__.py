"""One module per document family: gather plain data through the services, render it with
`reports/`. Each exposes `render(services, request, out, progress)`; see services/reports.py."""
