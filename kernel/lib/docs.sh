# SPDX-License-Identifier: MIT
#
# The Landlock documentation built with Sphinx, and the verdict on its
# warnings.
# Sourced by kernel/build.sh, whose variables it uses; not run on its own.

build_docs() {
	local v=$1 d=$out/docs log=$out/docs-$1.log f
	say "$base $v: building the documentation (Sphinx: $doc_dirs; kernel-doc)"
	rm -rf "$d"
	if ! PYTHONDONTWRITEBYTECODE=1 make -s -C "$src" O="$d" \
		SPHINXDIRS="$doc_dirs" htmldocs > "$log" 2>&1; then
		tail -n 40 "$log" >&2
		return 1
	fi
	for f in "$src"/security/landlock/*.[ch] \
		"$src"/include/uapi/linux/landlock.h; do
		"$src/scripts/kernel-doc" -none -Wall "$f"
	done >> "$log" 2>&1
	grep -iE 'warning|error' "$log" | grep -i landlock |
		sed -E "s|$src/||g; s|$d/||g; s/:[0-9]+(:| |$)/\1/g" |
		sort -u > "$out/docs-$v.warnings"
	say "$base $v: $(wc -l < "$out/docs-$v.warnings") Landlock documentation warnings (log: ${log#"$kdir"/})"
}

# With both variants: the warnings the series adds.
docs_verdict() {
	local new
	new=$(comm -13 "$out/docs-unpatched.warnings" \
		"$out/docs-patched.warnings")
	if [ -n "$new" ]; then
		printf 'documentation (%s): warnings the series adds:\n%s\n' \
			"$base" "$new" >&2
		return 1
	fi
	printf '\ndocumentation (%s): no Landlock warning beyond the %s of the pristine tree\n' \
		"$base" "$(wc -l < "$out/docs-unpatched.warnings")"
}
