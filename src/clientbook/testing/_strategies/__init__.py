"""The Hypothesis strategies behind :mod:`clientbook.testing.strategies`, one module per family.

:mod:`clientbook.testing.strategies` is the public module and only re-exports; its docstring is
the users' documentation. Here, each module holds one family of values:

- :mod:`~clientbook.testing._strategies.identifiers`: SIRENs, SIRETs, NAF codes and their
  near-misses;
- :mod:`~clientbook.testing._strategies.vat`: VAT numbers (French ones, Monaco's included) and
  their near-misses, the choice of countries; the builders of the other countries' numbers are
  in :mod:`~clientbook.testing._strategies.foreign_vat`;
- :mod:`~clientbook.testing._strategies.records`: addresses, contacts and clients, and their
  registration for ``st.from_type``.

Record strategies of later families (documents, matters, activities, jobs, invoices...) go in
a module of their own here, never into ``records``, and are re-exported by the public module.
Behind them: :mod:`~clientbook.testing._strategies.checkdigits` (the check-digit arithmetic the
builders share), :mod:`~clientbook.testing._strategies.typos` (the mistakes of the near-miss
strategies), :mod:`~clientbook.testing._strategies.arguments` (options checked with
``InvalidArgument``) and :mod:`~clientbook.testing._strategies.computed`: values are built
with :func:`~clientbook.testing._strategies.computed.computed`, never ``st.builds`` or ``.map``
of a private helper, so that a user's failing example shows the value, not our helper's name.

Needs Hypothesis; :mod:`clientbook.testing.strategies` says how to install it.
"""
