from django.db import models


class TimeStampedModel(models.Model):
    """Base for every domain model: when a row was made and last changed.

    `updated_at` is indexed because the conflict sweep and the API's
    `?updated_since=` both read "everything changed since T".
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
