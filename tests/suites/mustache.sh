#!/bin/sh
# mustache.sh: the Mustache spec (../shared/mustache-spec) and our own
# template cases (tests/template/*.yml: escaping modes, data that looks
# like template syntax, error messages), through build/mustache-spec.
: "${BUILD:=build}" "${TOP:=.}" "${SHARED:=$TOP/../shared}"
case $BUILD in
/*) prog=$BUILD/mustache-spec ;;
*) prog=$TOP/$BUILD/mustache-spec ;;
esac
rc=0
if [ -d "$SHARED/mustache-spec" ]; then
	"$prog" "$SHARED/mustache-spec" || rc=1
else
	echo "skip mustache/spec: ../shared/mustache-spec is absent"
fi
"$prog" "$TOP/tests/template" || rc=1
exit $rc
