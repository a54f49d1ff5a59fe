/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An ordered set of answer labels, lowest first. Some levels may be
 * non-substantive ("Don't know"): they are counted apart and never take part
 * in percentages or means. Immutable and reference counted, so one scale can be
 * shared by every column that uses it. */
typedef struct _EbScale EbScale;

#define EB_TYPE_SCALE (eb_scale_get_type ())
GType        eb_scale_get_type             (void) G_GNUC_CONST;

EbScale     *eb_scale_new                  (const char * const *labels,
                                            const gboolean     *non_substantive,
                                            guint               n_levels);
EbScale     *eb_scale_parse_spec           (const char         *spec,
                                            GError            **error);
char        *eb_scale_to_spec              (const EbScale      *self);
EbScale     *eb_scale_ref                  (EbScale            *self);
void         eb_scale_unref                (EbScale            *self);

guint        eb_scale_get_n_levels         (const EbScale      *self);
const char  *eb_scale_get_label            (const EbScale      *self,
                                            guint               level);
gboolean     eb_scale_is_non_substantive   (const EbScale      *self,
                                            guint               level);
guint        eb_scale_get_n_substantive    (const EbScale      *self);
int          eb_scale_lookup               (const EbScale      *self,
                                            const char         *answer);
gboolean     eb_scale_equal                (const EbScale      *a,
                                            const EbScale      *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbScale, eb_scale_unref)

G_END_DECLS
