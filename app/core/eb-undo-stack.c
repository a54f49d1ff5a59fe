/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-undo-stack"

#include "config.h"

#include "eb-undo-stack.h"

struct _EbUndoCommand
{
  char            *label;
  EbUndoFunc       apply;
  EbUndoFunc       revert;
  gpointer         user_data;
  GDestroyNotify   destroy;
};

struct _EbUndoStack
{
  GObject    parent_instance;

  GPtrArray *undo;      /* EbUndoCommand, oldest first */
  GPtrArray *redo;      /* EbUndoCommand, the next to redo last */
  char      *undo_label;
  char      *redo_label;
  gboolean   running;
};

G_DEFINE_QUARK (eb-undo-error-quark, eb_undo_error)

G_DEFINE_BOXED_TYPE (EbUndoCommand, eb_undo_command, eb_undo_command_ref, eb_undo_command_unref)

G_DEFINE_FINAL_TYPE (EbUndoStack, eb_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
command_clear (gpointer data)
{
  EbUndoCommand *command = data;

  if (command->destroy != NULL)
    command->destroy (command->user_data);
  g_free (command->label);
}

static EbUndoCommand *
top (GPtrArray *commands)
{
  return commands->len > 0 ? g_ptr_array_index (commands, commands->len - 1) : NULL;
}

static char *
make_label (const char    *verb,
            EbUndoCommand *command)
{
  if (command == NULL)
    return g_strdup (verb);
  return g_strdup_printf ("%s %s", verb, command->label);
}

/* Recomputes what the Edit menu shows, and then notifies what changed, so
 * that a handler of any of them sees all of them up to date. */
static void
update (EbUndoStack *self,
        gboolean     could_undo,
        gboolean     could_redo)
{
  g_autofree char *undo_label = make_label ("Undo", top (self->undo));
  g_autofree char *redo_label = make_label ("Redo", top (self->redo));
  gboolean undo_label_changed = g_strcmp0 (undo_label, self->undo_label) != 0;
  gboolean redo_label_changed = g_strcmp0 (redo_label, self->redo_label) != 0;
  GObject *object = G_OBJECT (self);

  if (undo_label_changed)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
    }
  if (redo_label_changed)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
    }
  if (could_undo != (self->undo->len > 0))
    g_object_notify_by_pspec (object, properties[PROP_CAN_UNDO]);
  if (could_redo != (self->redo->len > 0))
    g_object_notify_by_pspec (object, properties[PROP_CAN_REDO]);
  if (undo_label_changed)
    g_object_notify_by_pspec (object, properties[PROP_UNDO_LABEL]);
  if (redo_label_changed)
    g_object_notify_by_pspec (object, properties[PROP_REDO_LABEL]);
}

/* Moves the last command of FROM to TO after running it one way. */
static gboolean
step (EbUndoStack  *self,
      GPtrArray    *from,
      GPtrArray    *to,
      gboolean      forward,
      GError      **error)
{
  EbUndoCommand *command = top (from);
  gboolean could_undo = self->undo->len > 0, could_redo = self->redo->len > 0;
  gboolean ok;

  if (self->running)
    {
      g_set_error_literal (error, EB_UNDO_ERROR, EB_UNDO_ERROR_BUSY,
                           "Cannot undo or redo while an action is running");
      return FALSE;
    }
  if (command == NULL)
    {
      g_set_error_literal (error, EB_UNDO_ERROR, EB_UNDO_ERROR_NOTHING,
                           forward ? "There is nothing to redo" : "There is nothing to undo");
      return FALSE;
    }

  self->running = TRUE;
  ok = forward ? command->apply (command->user_data, error)
               : command->revert (command->user_data, error);
  self->running = FALSE;
  if (!ok)
    return FALSE;

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  update (self, could_undo, could_redo);
  return TRUE;
}

static void
eb_undo_stack_finalize (GObject *object)
{
  EbUndoStack *self = EB_UNDO_STACK (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);

  G_OBJECT_CLASS (eb_undo_stack_parent_class)->finalize (object);
}

static void
eb_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EbUndoStack *self = EB_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, eb_undo_stack_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, eb_undo_stack_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_undo_stack_class_init (EbUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eb_undo_stack_finalize;
  object_class->get_property = eb_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, "Undo",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, "Redo",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_undo_stack_init (EbUndoStack *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_undo_command_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_undo_command_unref);
  self->undo_label = g_strdup ("Undo");
  self->redo_label = g_strdup ("Redo");
}

EbUndoCommand *
eb_undo_command_new (const char     *label,
                     EbUndoFunc      apply,
                     EbUndoFunc      revert,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  EbUndoCommand *command;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (apply != NULL, NULL);
  g_return_val_if_fail (revert != NULL, NULL);

  command = g_rc_box_new0 (EbUndoCommand);
  command->label = g_strdup (label);
  command->apply = apply;
  command->revert = revert;
  command->user_data = user_data;
  command->destroy = destroy;
  return command;
}

EbUndoCommand *
eb_undo_command_ref (EbUndoCommand *command)
{
  g_return_val_if_fail (command != NULL, NULL);

  return g_rc_box_acquire (command);
}

void
eb_undo_command_unref (EbUndoCommand *command)
{
  g_return_if_fail (command != NULL);

  g_rc_box_release_full (command, command_clear);
}

const char *
eb_undo_command_get_label (EbUndoCommand *command)
{
  g_return_val_if_fail (command != NULL, NULL);

  return command->label;
}

EbUndoStack *
eb_undo_stack_new (void)
{
  return g_object_new (EB_TYPE_UNDO_STACK, NULL);
}

gboolean
eb_undo_stack_execute (EbUndoStack    *self,
                       EbUndoCommand  *command,
                       GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (EB_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->running)
    {
      g_set_error_literal (error, EB_UNDO_ERROR, EB_UNDO_ERROR_BUSY,
                           "Cannot start an action from within another");
      return FALSE;
    }
  self->running = TRUE;
  ok = command->apply (command->user_data, error);
  self->running = FALSE;
  if (ok)
    eb_undo_stack_push (self, command);
  return ok;
}

void
eb_undo_stack_push (EbUndoStack   *self,
                    EbUndoCommand *command)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (EB_IS_UNDO_STACK (self));
  g_return_if_fail (command != NULL);

  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, eb_undo_command_ref (command));
  update (self, could_undo, could_redo);
}

gboolean
eb_undo_stack_undo (EbUndoStack  *self,
                    GError      **error)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, self->undo, self->redo, FALSE, error);
}

gboolean
eb_undo_stack_redo (EbUndoStack  *self,
                    GError      **error)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, self->redo, self->undo, TRUE, error);
}

/* A joined step: its parts, oldest first. */
static gboolean
apply_parts (gpointer   user_data,
             GError   **error)
{
  GPtrArray *parts = user_data;

  for (guint i = 0; i < parts->len; i++)
    {
      EbUndoCommand *part = g_ptr_array_index (parts, i);

      if (!part->apply (part->user_data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
revert_parts (gpointer   user_data,
              GError   **error)
{
  GPtrArray *parts = user_data;

  for (guint i = parts->len; i > 0; i--)
    {
      EbUndoCommand *part = g_ptr_array_index (parts, i - 1);

      if (!part->revert (part->user_data, error))
        return FALSE;
    }
  return TRUE;
}

void
eb_undo_stack_join (EbUndoStack *self,
                    guint        n,
                    const char  *label)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(EbUndoCommand) joined = NULL;

  g_return_if_fail (EB_IS_UNDO_STACK (self));
  g_return_if_fail (n >= 2 && n <= self->undo->len);
  g_return_if_fail (label != NULL);

  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_undo_command_unref);
  for (guint i = self->undo->len - n; i < self->undo->len; i++)
    g_ptr_array_add (parts, eb_undo_command_ref (g_ptr_array_index (self->undo, i)));
  g_ptr_array_set_size (self->undo, self->undo->len - n);
  joined = eb_undo_command_new (label, apply_parts, revert_parts, g_steal_pointer (&parts),
                                (GDestroyNotify) g_ptr_array_unref);
  /* Pushing clears redo, which joining after a fresh action leaves empty. */
  eb_undo_stack_push (self, joined);
}

void
eb_undo_stack_clear (EbUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (EB_IS_UNDO_STACK (self));

  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update (self, could_undo, could_redo);
}

gboolean
eb_undo_stack_can_undo (EbUndoStack *self)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), FALSE);

  return self->undo->len > 0;
}

gboolean
eb_undo_stack_can_redo (EbUndoStack *self)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), FALSE);

  return self->redo->len > 0;
}

guint
eb_undo_stack_get_n_undo (EbUndoStack *self)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), 0);

  return self->undo->len;
}

guint
eb_undo_stack_get_n_redo (EbUndoStack *self)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), 0);

  return self->redo->len;
}

const char *
eb_undo_stack_get_undo_label (EbUndoStack *self)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), NULL);

  return self->undo_label;
}

const char *
eb_undo_stack_get_redo_label (EbUndoStack *self)
{
  g_return_val_if_fail (EB_IS_UNDO_STACK (self), NULL);

  return self->redo_label;
}
