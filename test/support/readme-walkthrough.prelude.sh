# Runs before the README's shell blocks (test/readme.e2e.spec.ts): the first failing command
# stops the walkthrough, and `curl` and `npm run` fail a step on any non-2xx answer, a failed
# script, or an empty result (no body, `[]`, `{}`, or an answer whose every list of results is
# empty, such as a page without items).
set -euo pipefail
shopt -s inherit_errexit
README_STEP_FILE=$(mktemp)
trap 'rm -f "$README_STEP_FILE"' EXIT

check_result() {
  node -e '
    const text = require("fs").readFileSync(process.argv[1], "utf8").trim();
    const fail = (why) => { console.error(`README step gave ${why}`); process.exit(1); };
    if (text === "") fail("an empty answer");
    let value;
    try { value = JSON.parse(text); } catch { process.exit(0); }
    if (Array.isArray(value)) { if (value.length === 0) fail("an empty list"); process.exit(0); }
    if (value === null || typeof value !== "object") process.exit(0);
    if (Object.keys(value).length === 0) fail("an empty object");
    // Lists of what went wrong or of remarks may rightly be empty; the answer itself may not.
    const remarks = new Set(["refused", "findings", "warnings", "notes", "errors"]);
    const lists = Object.entries(value).filter(([key, v]) => Array.isArray(v) && !remarks.has(key)).map(([, v]) => v);
    if (lists.length > 0 && lists.every((list) => list.length === 0)) fail(`only empty lists: ${text.slice(0, 300)}`);
  ' "$1"
}

# The README pipes long answers into `head`, which closes the pipe early; that is not a failure.
show_result() {
  cat "$README_STEP_FILE" 2>/dev/null || true
}

curl() {
  local status
  status=$(command curl -sS -o "$README_STEP_FILE" -w '%{http_code}' "$@") || { echo "README step failed: curl $*" >&2; return 1; }
  if [[ $status != 2* ]]; then
    echo "README step answered $status: curl $*" >&2
    cat "$README_STEP_FILE" >&2
    echo >&2
    return 1
  fi
  check_result "$README_STEP_FILE" || { echo "  in: curl $*" >&2; return 1; }
  show_result
}

npm() {
  if [[ "${1:-}" != run ]]; then command npm "$@"; return; fi
  command npm "$@" > "$README_STEP_FILE" || { echo "README step failed: npm $*" >&2; cat "$README_STEP_FILE" >&2; return 1; }
  # A report written to a file (--out, relative paths land in ./reports) is checked there.
  local result=$README_STEP_FILE previous=
  for arg in "$@"; do
    if [[ $previous == --out ]]; then [[ $arg == /* ]] && result=$arg || result=reports/$arg; fi
    previous=$arg
  done
  check_result "$result" || { echo "  in: npm $*" >&2; return 1; }
  show_result
}
