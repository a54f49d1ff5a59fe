/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey-row-sorter"

#include "config.h"

#include "eb-survey-row-sorter.h"

struct _EbSurveyRowSorter
{
  GtkSorter         parent_instance;

  EbSurveyRowModel *model;
  EbSurvey         *survey;
  int               column;
  const guint32    *ids;    /* owned by the model, filled on first compare */
  const guint32    *ranks;
};

G_DEFINE_FINAL_TYPE (EbSurveyRowSorter, eb_survey_row_sorter, GTK_TYPE_SORTER)

static GtkOrdering
eb_survey_row_sorter_compare (GtkSorter *sorter,
                              gpointer   item1,
                              gpointer   item2)
{
  EbSurveyRowSorter *self = EB_SURVEY_ROW_SORTER (sorter);
  guint a = eb_survey_row_get_index (item1);
  guint b = eb_survey_row_get_index (item2);

  /* Rows of another survey (a model being replaced) have no rank here. */
  if (eb_survey_row_get_survey (item1) != self->survey ||
      eb_survey_row_get_survey (item2) != self->survey)
    return GTK_ORDERING_EQUAL;

  if (self->column >= 0)
    {
      /* Building the ranks on the first comparison, not when the column is
       * made, keeps loading a survey free of work nobody asked for yet. */
      if (self->ranks == NULL)
        {
          self->ids = eb_survey_row_model_get_value_ids (self->model, self->column, NULL, NULL);
          self->ranks = eb_survey_row_model_get_value_ranks (self->model, self->column);
        }
      a = self->ranks[self->ids[a]];
      b = self->ranks[self->ids[b]];
    }
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
eb_survey_row_sorter_get_order (GtkSorter *sorter)
{
  EbSurveyRowSorter *self = EB_SURVEY_ROW_SORTER (sorter);

  /* Row numbers are unique; answers repeat, and ties keep the order of the
   * columns sorted before. */
  return self->column < 0 ? GTK_SORTER_ORDER_TOTAL : GTK_SORTER_ORDER_PARTIAL;
}

static void
eb_survey_row_sorter_dispose (GObject *object)
{
  EbSurveyRowSorter *self = EB_SURVEY_ROW_SORTER (object);

  self->ids = NULL;
  self->ranks = NULL;
  self->survey = NULL;
  g_clear_object (&self->model);

  G_OBJECT_CLASS (eb_survey_row_sorter_parent_class)->dispose (object);
}

static void
eb_survey_row_sorter_class_init (EbSurveyRowSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->dispose = eb_survey_row_sorter_dispose;
  sorter_class->compare = eb_survey_row_sorter_compare;
  sorter_class->get_order = eb_survey_row_sorter_get_order;
}

static void
eb_survey_row_sorter_init (EbSurveyRowSorter *self)
{
  self->column = -1;
}

GtkSorter *
eb_survey_row_sorter_new (EbSurveyRowModel *model,
                          int               column)
{
  EbSurveyRowSorter *self;

  g_return_val_if_fail (EB_IS_SURVEY_ROW_MODEL (model), NULL);
  g_return_val_if_fail (column < (int) eb_survey_get_n_columns (eb_survey_row_model_get_survey (model)), NULL);

  self = g_object_new (EB_TYPE_SURVEY_ROW_SORTER, NULL);
  self->model = g_object_ref (model);
  self->survey = eb_survey_row_model_get_survey (model);
  self->column = MAX (column, -1);
  return GTK_SORTER (self);
}

int
eb_survey_row_sorter_get_column (EbSurveyRowSorter *self)
{
  g_return_val_if_fail (EB_IS_SURVEY_ROW_SORTER (self), -1);

  return self->column;
}
