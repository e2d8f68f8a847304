//! Officials and outlets: the lists, and a page for each with everything an official
//! answered (and their role at each briefing) or every question an outlet asked.

use super::*;

#[derive(Serialize)]
struct People<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    people: Vec<PersonCard>,
}

#[derive(Serialize)]
struct OnePerson<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    person: PersonPage<'a>,
}

/// Officials or outlets: what tells the two kinds of page apart.
struct Kind {
    list: Route,
    title: &'static str,
    description: &'static str,
    section: &'static str,
    count_label: &'static str,
    page: fn(slug: String) -> Route,
}

const OFFICIALS: Kind = Kind {
    list: Route::Speakers,
    title: "Officials",
    description: "Every official who spoke, with what they answered.",
    section: "speakers",
    count_label: "answer",
    page: |slug| Route::Speaker { slug },
};

const OUTLETS: Kind = Kind {
    list: Route::Outlets,
    title: "Outlets",
    description: "Every media outlet that asked, with its questions.",
    section: "outlets",
    count_label: "question",
    page: |slug| Route::Outlet { slug },
};

impl SitePages<'_, '_> {
    /// The officials' list and each official's page.
    pub(super) fn officials(&self) -> Result<Vec<Route>, Errors> {
        let mut routes = vec![self.official_list()?];
        routes.extend(self.each(&self.ctx.index.speakers, |n, s| self.official(n, s))?);
        Ok(routes)
    }

    /// The outlets' list and each outlet's page.
    pub(super) fn outlets(&self) -> Result<Vec<Route>, Errors> {
        let mut routes = vec![self.outlet_list()?];
        routes.extend(self.each(&self.ctx.index.outlets, |n, s| self.outlet(n, s))?);
        Ok(routes)
    }

    pub(super) fn official_list(&self) -> Result<Route, Errors> {
        self.list(&OFFICIALS, &self.ctx.index.speakers, |n| self.answered(n))
    }

    pub(super) fn outlet_list(&self) -> Result<Route, Errors> {
        self.list(&OUTLETS, &self.ctx.index.outlets, |n| self.asked(n))
    }

    /// A list of people (name -> slug) with their counts.
    fn list<'s>(
        &'s self,
        kind: &Kind,
        slugs: &std::collections::BTreeMap<String, String>,
        items: impl Fn(&str) -> Vec<Item<'s>>,
    ) -> Result<Route, Errors> {
        let ctx = self.ctx;
        let cards = slugs
            .iter()
            .map(|(name, slug)| PersonCard {
                name: name.clone(),
                url: ctx.urls.route(&(kind.page)(slug.clone())),
                count: items(name).len(),
                count_label: kind.count_label,
            })
            .collect();
        let page = ctx.page(kind.title, kind.description, &kind.list.rel(), kind.section);
        let site = ctx.site();
        self.render(
            &kind.list,
            &People {
                site,
                page,
                people: cards,
            },
        )
    }

    /// Each person's page, in parallel.
    fn each(
        &self,
        slugs: &std::collections::BTreeMap<String, String>,
        page_of: impl Fn(&str, &str) -> Result<Route, Errors> + Sync,
    ) -> Result<Vec<Route>, Errors> {
        slugs
            .par_iter()
            .map(|(name, slug)| page_of(name, slug))
            .collect()
    }

    pub(super) fn official(&self, name: &str, slug: &str) -> Result<Route, Errors> {
        let route = Route::Speaker {
            slug: slug.to_owned(),
        };
        let page = self.ctx.page(
            name,
            &format!("Everything {name} answered at press briefings."),
            &route.rel(),
            "speakers",
        );
        let person = PersonPage {
            name: name.to_owned(),
            roles: self.roles(name),
            exchanges: self.answered(name),
        };
        let site = self.ctx.site();
        self.render(&route, &OnePerson { site, page, person })
    }

    /// An official's role at each briefing where they sat or answered.
    fn roles(&self, name: &str) -> Vec<Role> {
        self.done
            .iter()
            .filter_map(|o| {
                let role = o
                    .roles
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, r)| r.clone());
                let answers = o
                    .exchanges
                    .iter()
                    .any(|e| e.answered_by.iter().any(|a| a == name));
                (role.is_some() || answers).then(|| Role {
                    title: o.card.title.clone(),
                    url: o.card.url.clone(),
                    date: o.card.date.clone(),
                    date_text: o.card.date_text.clone(),
                    role: role.unwrap_or_default(),
                })
            })
            .collect()
    }

    fn answered(&self, name: &str) -> Vec<Item<'_>> {
        self.all
            .iter()
            .filter(|e| e.answered_by.iter().any(|a| a == name))
            .map(|e| Item::from(*e))
            .collect()
    }

    fn asked(&self, outlet: &str) -> Vec<Item<'_>> {
        self.all
            .iter()
            .filter(|e| e.asked_by.as_deref() == Some(outlet))
            .map(|e| Item::from(*e))
            .collect()
    }

    pub(super) fn outlet(&self, name: &str, slug: &str) -> Result<Route, Errors> {
        let route = Route::Outlet {
            slug: slug.to_owned(),
        };
        let page = self.ctx.page(
            name,
            &format!("Every question {name} asked at press briefings."),
            &route.rel(),
            "outlets",
        );
        let person = PersonPage {
            name: name.to_owned(),
            roles: Vec::new(),
            exchanges: self.asked(name),
        };
        let site = self.ctx.site();
        self.render(&route, &OnePerson { site, page, person })
    }
}
