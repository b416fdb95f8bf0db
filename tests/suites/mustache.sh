#!/bin/sh
# mustache.sh: the Mustache spec (../shared/mustache-spec) and our own
# template cases (tests/template/*.yml: escaping modes, data that looks
# like template syntax, error messages), through build/mustache-spec.
: "${BUILD:=build}" "${TOP:=.}" "${SHARED:=$TOP/../shared}"
rc=0
"$TOP/$BUILD/mustache-spec" "$SHARED/mustache-spec" || rc=1
"$TOP/$BUILD/mustache-spec" "$TOP/tests/template" || rc=1
exit $rc
