// The report's stylesheet, inline in the file: readable on a projector (large type, strong
// contrast, severity in words as well as colour) and on paper (one photo per page where it fits).
export const REPORT_CSS = `
:root { color-scheme: light; --text: #1a1f26; --muted: #4b5563; --border: #d6dbe2; --critical: #b01f1f; --high: #a8440a; --medium: #805b00; --low: #3f5a4b; --safe: #1b6e3d; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 960px; padding: 2rem 1.5rem; font: 17px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--text); background: #fff; }
h1 { font-size: 1.9rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.35rem; margin: 0 0 0.4rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.35rem; }
h4 { font-size: 1rem; margin: 0 0 0.25rem; }
.muted { color: var(--muted); }
.summary { border: 1px solid var(--border); border-left: 6px solid var(--high); border-radius: 10px; padding: 0.9rem 1.1rem; margin: 1.25rem 0 1.75rem; }
.summary ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.photo { border-top: 2px solid var(--border); padding: 1.25rem 0 1.5rem; break-inside: avoid-page; }
.photo .num { color: var(--muted); }
.verdict { margin: 0.2rem 0; font-size: 1.05rem; }
.state-fix-before-posting .verdict strong { color: var(--high); }
.state-not-fully-checked .verdict strong { color: var(--medium); }
.state-nothing-found .verdict strong { color: var(--safe); }
.checked { margin: 0 0 0.75rem; color: var(--muted); font-size: 0.95rem; }
.row { display: flex; flex-wrap: wrap; gap: 1.25rem; align-items: flex-start; }
.thumb { max-width: 420px; width: 100%; height: auto; border-radius: 8px; border: 1px solid var(--border); }
.thumb.none { width: 200px; height: 120px; display: flex; align-items: center; justify-content: center; color: var(--muted); }
.place { flex: 1; min-width: 220px; }
.place p { margin: 0 0 0.5rem; font-weight: 600; }
.map { width: 100%; max-width: 420px; height: auto; border: 1px solid var(--border); border-radius: 8px; }
.findings, .fixed { margin: 0; padding: 0; list-style: none; }
.findings li { padding: 0.45rem 0.7rem; margin: 0 0 0.4rem; border-left: 5px solid var(--border); background: #f7f8fa; border-radius: 6px; }
.findings .sev { display: inline-block; min-width: 6.5rem; font-weight: 700; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.02em; }
.findings .why { color: var(--muted); font-size: 0.95rem; }
.findings .sev-critical { border-left-color: var(--critical); } .sev-critical .sev { color: var(--critical); }
.findings .sev-high { border-left-color: var(--high); } .sev-high .sev { color: var(--high); }
.findings .sev-medium { border-left-color: var(--medium); } .sev-medium .sev { color: var(--medium); }
.findings .sev-low { border-left-color: var(--low); } .sev-low .sev { color: var(--low); }
.findings .sev-maybe { border-left-style: dashed; } .sev-maybe .sev { color: var(--muted); }
.fixed li { margin: 0 0 0.3rem; }
footer { border-top: 2px solid var(--border); padding-top: 1rem; margin-top: 1rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 12pt; }
  .photo { break-before: page; }
  .thumb { max-width: 9cm; }
  .map { max-width: 8cm; }
}
`;
