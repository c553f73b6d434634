/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUHU_ID_NUMBER_ERROR (ruhu_id_number_error_quark ())

/**
 * RuhuIdNumberError:
 * @RUHU_ID_NUMBER_ERROR_WRONG_LENGTH: not 18 characters
 * @RUHU_ID_NUMBER_ERROR_BAD_CHARS: a character other than 0-9, or X not in the last place
 * @RUHU_ID_NUMBER_ERROR_LOWERCASE_X: a lowercase x where GB 11643 has a capital X
 * @RUHU_ID_NUMBER_ERROR_BAD_REGION: the province prefix is not assigned
 * @RUHU_ID_NUMBER_ERROR_BAD_DATE: the birth date is not a real date
 * @RUHU_ID_NUMBER_ERROR_FUTURE_BIRTH: the birth date is after today
 * @RUHU_ID_NUMBER_ERROR_BAD_CHECKSUM: the check character does not match
 *
 * What is wrong with a resident ID number, one code per fault.
 */
typedef enum
{
  RUHU_ID_NUMBER_ERROR_WRONG_LENGTH,
  RUHU_ID_NUMBER_ERROR_BAD_CHARS,
  RUHU_ID_NUMBER_ERROR_LOWERCASE_X,
  RUHU_ID_NUMBER_ERROR_BAD_REGION,
  RUHU_ID_NUMBER_ERROR_BAD_DATE,
  RUHU_ID_NUMBER_ERROR_FUTURE_BIRTH,
  RUHU_ID_NUMBER_ERROR_BAD_CHECKSUM,
} RuhuIdNumberError;

typedef enum
{
  RUHU_SEX_FEMALE,
  RUHU_SEX_MALE,
} RuhuSex;

/**
 * RuhuIdNumber:
 * @region: the six-digit region code under which the number was issued
 * @birth: the birth date
 * @sequence: the three-digit sequence code
 * @sex: the sex, from the parity of the sequence code
 * @check: the check character, `0`-`9` or `X`
 *
 * The parts of a valid GB 11643-1999 citizen identity number.
 */
typedef struct
{
  char    region[7];
  GDate   birth;
  char    sequence[4];
  RuhuSex sex;
  char    check;
} RuhuIdNumber;

GQuark   ruhu_id_number_error_quark   (void);

gboolean ruhu_id_number_parse         (const char    *text,
                                       const GDate   *today,
                                       RuhuIdNumber  *result,
                                       GError       **error);
char     ruhu_id_number_check_char    (const char    *first17);

G_END_DECLS
