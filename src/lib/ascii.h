/* ascii.h: character classes of a byte in the C locale, from one table
 * (ascii.c). isalnum() and friends call into the C library for every
 * byte (__ctype_b_loc); these are a load and a test. */
#ifndef TICKLIST_ASCII_H
#define TICKLIST_ASCII_H

#define ASCII_ALPHA	0x01	/* A-Z a-z */
#define ASCII_DIGIT	0x02	/* 0-9 */
#define ASCII_UNDER	0x04	/* _ */
#define ASCII_SPACE	0x08	/* isspace: space \t \n \v \f \r */
#define ASCII_UPPER	0x10	/* A-Z */
#define ASCII_XDIGIT	0x20	/* 0-9 A-F a-f */

extern const unsigned char ascii_class[256];

/* isalnum(c) in the C locale. */
static inline int
ascii_alnum(unsigned char c)
{
	return ascii_class[c] & (ASCII_ALPHA | ASCII_DIGIT);
}

/* A word character of \w without PCRE2_UCP: [A-Za-z0-9_]. */
static inline int
ascii_word(unsigned char c)
{
	return ascii_class[c] & (ASCII_ALPHA | ASCII_DIGIT | ASCII_UNDER);
}

/* tolower(c) in the C locale, without a branch. */
static inline unsigned char
ascii_lower(unsigned char c)
{
	return (unsigned char)(c | ((ascii_class[c] & ASCII_UPPER) << 1));
}

/* isspace(c) in the C locale. */
static inline int
ascii_space(unsigned char c)
{
	return ascii_class[c] & ASCII_SPACE;
}

#endif
