#pragma once
// The Tests panel's tree model: a TestRunModel seen through an identity
// proxy that adds a status icon to the Name column (passed, failed, running,
// queued/pending, skipped, todo), drawn once per status.
#include <QIcon>
#include <QIdentityProxyModel>

namespace sy {

/// Identity proxy over a model with TestRunModel's roles; Qt::DecorationRole
/// of column 0 is the icon of TestRunModel::StatusRole (QueuedRole: queued).
class TestStatusIconModel : public QIdentityProxyModel {
    Q_OBJECT
public:
    explicit TestStatusIconModel(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// The icon of a status (int(TestStatus)); `queued` wins over the status.
    static QIcon statusIcon(int status, bool queued = false);
};

} // namespace sy
