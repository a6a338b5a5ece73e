# Runs one loonflow script (ScriptRunner passes this file with "python3 -I -X utf8 -c").
# stdin: one JSON object {"source", "ticket_id", "action_from", "ticket", "limits": {"cpu", "memory", "file_size"}}.
# The script's print output goes to stdout untouched. A failure is reported as the last stderr line:
# MARKER + JSON string (the error text); the full traceback precedes it for the server log.
import json
import os
import resource
import sys
import traceback

MARKER = "\x00loonflow-script-error:"


def report(text, code):
    try:
        sys.stdout.flush()
    except BaseException:
        pass
    try:
        sys.stderr.write("\n" + MARKER + json.dumps(text[:4000]) + "\n")
        sys.stderr.flush()
    finally:
        os._exit(code)


def describe(error):
    text = str(error)
    return type(error).__name__ + (": " + text if text else "")


def limit(name, value, slack=0):
    if value and value > 0:
        resource.setrlimit(getattr(resource, name), (value, value + slack))


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdin.close()
    sys.stdin = open(os.devnull, "r")
    sys.argv = [""]
    try:
        # own session and process group, so the server can kill everything the script started
        os.setsid()
    except OSError:
        pass
    limits = request.get("limits") or {}
    # SIGXCPU at the soft limit, SIGKILL one second later
    limit("RLIMIT_CPU", limits.get("cpu"), 1)
    limit("RLIMIT_AS", limits.get("memory"))
    limit("RLIMIT_FSIZE", limits.get("file_size"))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    source = request["source"]
    namespace = {
        "ticket_id": request["ticket_id"],
        "action_from": request["action_from"],
        "ticket": request.get("ticket") or {},
    }
    del request, limits
    try:
        code = compile(source, "<script>", "exec")
        exec(code, namespace)
        sys.stdout.flush()
    except SystemExit as error:
        if error.code is None or error.code == 0:
            sys.stdout.flush()
            os._exit(0)
        traceback.print_exc()
        report("SystemExit: " + str(error.code), error.code if isinstance(error.code, int) and 0 < error.code < 128 else 1)
    except BaseException as error:
        traceback.print_exc()
        report(describe(error), 1)
    os._exit(0)


main()
