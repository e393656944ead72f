#pragma once
// Updates a model's rows in place from a fresh snapshot, both sorted by key:
// rows that went are removed, new ones inserted, changed ones reported with
// dataChanged. Views keep their selection and scroll position across live
// refreshes (a reset would lose them). Internal to engine/storage's models.
#include <QAbstractItemModel>

#include <vector>

namespace sy::detail {

/// A model base (QAbstractTableModel or QAbstractItemModel) whose row
/// notifications applySortedDiff can call.
template <typename Base> class DiffHost : public Base {
public:
    using Base::Base;
    void beginInsert(const QModelIndex &parent, int first, int last)
    {
        this->beginInsertRows(parent, first, last);
    }
    void endInsert() { this->endInsertRows(); }
    void beginRemove(const QModelIndex &parent, int first, int last)
    {
        this->beginRemoveRows(parent, first, last);
    }
    void endRemove() { this->endRemoveRows(); }
    void rowChanged(const QModelIndex &parent, int row, int columns)
    {
        emit this->dataChanged(this->index(row, 0, parent), this->index(row, columns - 1, parent));
    }
};

/// Brings `current` (the rows `model` shows under `parent`) to `fresh`, both
/// sorted by `key(row)`, notifying the model; `same(a, b)` says whether a
/// row is unchanged. `Model` is a DiffHost.
template <typename Model, typename Row, typename KeyFn, typename SameFn>
void applySortedDiff(Model &model, const QModelIndex &parent, std::vector<Row> &current,
                     std::vector<Row> fresh, int columns, KeyFn key, SameFn same)
{
    size_t i = 0, j = 0;
    while (i < current.size() || j < fresh.size()) {
        if (j == fresh.size() || (i < current.size() && key(current[i]) < key(fresh[j]))) {
            // a run of rows that went
            size_t end = i + 1;
            while (end < current.size() && (j == fresh.size() || key(current[end]) < key(fresh[j])))
                ++end;
            model.beginRemove(parent, int(i), int(end - 1));
            current.erase(current.begin() + long(i), current.begin() + long(end));
            model.endRemove();
        } else if (i == current.size() || key(fresh[j]) < key(current[i])) {
            // a run of new rows
            size_t end = j + 1;
            while (end < fresh.size() && (i == current.size() || key(fresh[end]) < key(current[i])))
                ++end;
            model.beginInsert(parent, int(i), int(i + (end - j) - 1));
            current.insert(current.begin() + long(i),
                           std::make_move_iterator(fresh.begin() + long(j)),
                           std::make_move_iterator(fresh.begin() + long(end)));
            model.endInsert();
            i += end - j;
            j = end;
        } else {
            if (!same(current[i], fresh[j])) {
                current[i] = std::move(fresh[j]);
                model.rowChanged(parent, int(i), columns);
            }
            ++i;
            ++j;
        }
    }
}

} // namespace sy::detail
