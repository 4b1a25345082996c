// SPDX-License-Identifier: MIT
/*
 * A main() for the fuzz targets without libFuzzer: each argument, a file
 * or a directory of files, is given once to LLVMFuzzerTestOneInput().  The
 * test suite replays the seed corpora and every input the fuzzers once
 * failed on (fuzz/corpus) with any compiler, under valgrind and the
 * sanitizers.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	uint8_t *data = NULL;
	size_t size = 0, cap = 0, n;
	FILE *f = fopen(path, "rb");

	if (!f) {
		perror(path);
		return 1;
	}
	do {
		if (size == cap) {
			uint8_t *d = realloc(data, cap = cap ? cap * 2 : 4096);

			if (!d) {
				free(data);
				fclose(f);
				return 1;
			}
			data = d;
		}
		n = fread(data + size, 1, cap - size, f);
		size += n;
	} while (n);
	fclose(f);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int i, err = 0, count = 0;

	for (i = 1; i < argc; i++) {
		struct dirent *de;
		struct stat st;
		char path[4096];
		DIR *dir;

		if (stat(argv[i], &st) || !S_ISDIR(st.st_mode)) {
			err |= replay_file(argv[i]);
			count++;
			continue;
		}
		dir = opendir(argv[i]);
		if (!dir) {
			perror(argv[i]);
			return 1;
		}
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i],
				 de->d_name);
			err |= replay_file(path);
			count++;
		}
		closedir(dir);
	}
	printf("%d inputs replayed\n", count);
	return err || !count;
}
