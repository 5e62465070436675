import Foundation

/// A claim this watcher works on, with its lease when the folder is shared.
///
/// Every look at a claim that may change it happens while it is held: on a
/// folder of its own, a watcher holds every claim (the folder's lock); on a
/// shared folder, only the claims whose lease it made or took over. A claim
/// still being made by another watcher (its folder empty, or without its
/// record yet) looks exactly like one abandoned by a killed watcher, and
/// tidying it away while the other watcher's rename lands would lose the
/// file: the lease, made before the claim's folder, tells them apart.
struct HeldClaim {
    let claim: DropClaim
    let lease: ClaimLease?
    /// The claim was left by another watcher and is taken over.
    var takenOver: Bool { lease?.tookOver ?? false }

    /// Lets the claim go: its lease is removed once the claim is finished.
    func release(_ drops: DropFolder) {
        lease?.release(claimFolder: drops.claimFolder(claim.id))
    }
}

extension DropFolder {
    /// Claims `entry`'s file; nil when another watcher took it first. On a
    /// shared folder (`takeover` given) the lease is made before the file is
    /// moved, so that no other watcher sees the claim without one.
    func holdNew(_ entry: Entry, now: Int, takeover: Double?) throws -> HeldClaim? {
        var lease: ClaimLease?
        let claim = try claim(entry, now: now, lease: takeover.map { takeover in
            { id in
                lease = ClaimLease.take(self.leaseFile(id), takeover: takeover)
                return lease != nil
            }
        })
        return claim.map { HeldClaim(claim: $0, lease: lease) }
    }

    /// Holds claim `id` left unfinished, made whole; nil when there is
    /// nothing left of it, or (shared) another watcher's lease on it is alive.
    /// (`owner`: this watcher, as its leases name it.)
    func holdUnfinished(_ id: String, now: Int, takeover: Double?, as owner: String = ClaimLease.owner) throws -> HeldClaim? {
        var lease: ClaimLease?
        if let takeover {
            lease = ClaimLease.takeOver(leaseFile(id), claimFolder: claimFolder(id), takeover: takeover, as: owner)
            guard lease != nil else { return nil }
        }
        do {
            guard let claim = try unfinishedClaim(id, now: now) else {
                lease?.release(claimFolder: claimFolder(id))
                return nil
            }
            return HeldClaim(claim: claim, lease: lease)
        } catch {
            lease?.release(claimFolder: claimFolder(id))
            throw error
        }
    }
}
