/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey-row"

#include "config.h"

#include "eb-survey-row.h"

struct _EbSurveyRow
{
  GObject   parent_instance;

  EbSurvey *survey;
  guint     index;
};

G_DEFINE_FINAL_TYPE (EbSurveyRow, eb_survey_row, G_TYPE_OBJECT)

static void
eb_survey_row_dispose (GObject *object)
{
  EbSurveyRow *self = EB_SURVEY_ROW (object);

  g_clear_object (&self->survey);

  G_OBJECT_CLASS (eb_survey_row_parent_class)->dispose (object);
}

static void
eb_survey_row_class_init (EbSurveyRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = eb_survey_row_dispose;
}

static void
eb_survey_row_init (EbSurveyRow *self)
{
}

EbSurveyRow *
eb_survey_row_new (EbSurvey *survey,
                   guint     index)
{
  EbSurveyRow *self;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (index < eb_survey_get_n_rows (survey), NULL);

  /* No construct properties: rows are made by the thousand. */
  self = g_object_new (EB_TYPE_SURVEY_ROW, NULL);
  self->survey = g_object_ref (survey);
  self->index = index;
  return self;
}

EbSurvey *
eb_survey_row_get_survey (EbSurveyRow *self)
{
  g_return_val_if_fail (EB_IS_SURVEY_ROW (self), NULL);

  return self->survey;
}

guint
eb_survey_row_get_index (EbSurveyRow *self)
{
  g_return_val_if_fail (EB_IS_SURVEY_ROW (self), 0);

  return self->index;
}

const char *
eb_survey_row_get_cell (EbSurveyRow *self,
                        guint        column)
{
  g_return_val_if_fail (EB_IS_SURVEY_ROW (self), NULL);

  return eb_survey_get_cell (self->survey, self->index, column);
}
