#!/bin/sh
# CI entry point: regenerate the golden fixtures and compare them numerically with the committed ones.
# Debian's interpreter is the one with python3-torch.
set -eu
exec /usr/bin/python3 "$(dirname "$0")/check_golden.py" "$@"
