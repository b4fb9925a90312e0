"""Reading a schemac command line the way the lit tools need it (run_schemac.py,
snowflake_run.py, flink_run.py): an option's value, and the arguments
without some options."""


def option(args, name, default=None):
    """The value of option `name` (`--name V` or `--name=V`), else default."""
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return default


def without_options(args, names):
    """args less the given options and their values."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in names:
            skip = True
            continue
        if any(a.startswith(n + "=") for n in names):
            continue
        out.append(a)
    return out
